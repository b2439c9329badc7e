/// Quantiles of Student's t distribution, for 95% confidence intervals.
public enum TDistribution {
    /// t(0.975) for 1…30 degrees of freedom (exact to 9 digits).
    static let table975: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
        2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
        2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
        2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]

    /// The 0.975 quantile: the half-width multiplier of a two-sided 95% interval.
    /// Above 30 degrees of freedom, the Cornish–Fisher expansion around the normal
    /// quantile (error below 1e-6 there).
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1)
        if df <= table975.count { return table975[df - 1] }
        let z = 1.959963984540054
        let v = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, z9 = z7 * z * z
        return z + (z3 + z) / (4 * v)
            + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }
}

/// Weighted moments of a sample of values, enough for a mean, its standard deviation
/// and a 95% confidence interval. With every weight 1 they are the plain figures.
public struct Moments: Sendable, Equatable {
    /// Number of observations.
    public var n = 0
    /// Sum of weights, of weight × value, of weight × value², of weight².
    public var w = 0.0, wx = 0.0, wxx = 0.0, ww = 0.0

    public init() {}

    public mutating func add(_ x: Double, count: Int = 1, weight: Double = 1) {
        guard count > 0 else { return }
        let c = Double(count)
        n += count
        w += c * weight
        wx += c * weight * x
        wxx += c * weight * x * x
        ww += c * weight * weight
    }

    public var mean: Double? { n > 0 && w > 0 ? wx / w : nil }

    /// The standard deviation with n − 1 in the denominator (weights scaled to n).
    public var sd: Double? {
        guard n > 1, let m = mean else { return nil }
        let variance = max(0, wxx / w - m * m) * Double(n) / Double(n - 1)
        return variance.squareRoot()
    }

    /// Kish's effective sample size, (Σw)² / Σw²: n when every weight is equal.
    public var effectiveN: Double { ww > 0 ? w * w / ww : 0 }

    /// Mean ± t(0.975, n − 1) × sd / √n_eff: with equal weights the usual t interval;
    /// with unequal weights widened by the design effect n / n_eff.
    public var ci95: (Double, Double)? {
        guard n > 1, let m = mean, let s = sd, effectiveN > 0 else { return nil }
        let half = TDistribution.quantile975(degreesOfFreedom: n - 1) * s / effectiveN.squareRoot()
        return (m - half, m + half)
    }
}
