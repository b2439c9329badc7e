/* The disk's own floor for a durable append: write + fsync (mode 0), write +
   fdatasync (1), pwrite into a preallocated file + fdatasync (2). Built and run by bench/run. */
#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
 int mode=atoi(argv[1]); const char*p=argv[2]; unlink(p);
 int fd=open(p,O_RDWR|O_CREAT|(mode<2?O_APPEND:0),0600);
 if(mode==2){ fallocate(fd,0,0,1<<20); fsync(fd);} 
 double l[1000]; char buf[100]; memset(buf,'x',99); buf[99]='\n'; off_t off=0;
 for(int i=0;i<1000;i++){double s=now(); if(mode<2) write(fd,buf,100); else {pwrite(fd,buf,100,off); off+=100;}
  if(mode==0) fsync(fd); else fdatasync(fd); l[i]=now()-s;}
 qsort(l,1000,sizeof(double),cmp); printf("mode %d p50 %.3f p99 %.3f ms\n",mode,l[500]*1000,l[990]*1000);}
