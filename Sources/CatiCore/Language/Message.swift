/// Every message of `cati check`, written once. Each says what is wrong and, where it
/// can, what to do.
public struct Message: Sendable, Hashable {
    public let text: String
    init(_ text: String) { self.text = text }

    private static func mean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func article(_ word: String) -> String {
        "aeiou".contains(word.first ?? "x") ? "an" : "a"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    // MARK: Lexical
    static func notATerminateOutcome(_ name: String) -> Message {
        let names = CallOutcome.terminateOutcomes.map(\.rawValue).sorted().joined(separator: ", ")
        return Message("'\(name)' is not an outcome a 'terminate' can mean; use one of: \(names)")
    }
    static let invalidUTF8 = Message("the file is not valid UTF-8 here; save it as UTF-8")
    static func unexpectedCharacter(_ c: Character) -> Message {
        Message("unexpected character '\(c)'; names are letters, digits and '_', texts go between double quotes")
    }
    static let unterminatedString = Message("unterminated string: this text has no closing '\"'")
    static func numberTooLarge(_ digits: String) -> Message { Message("number '\(digits)' is too large") }
    static func runOnString(lines: Int) -> Message {
        Message("the text opened here runs over \(lines) lines; is a closing quote missing?")
    }
    static let nameStartsWithDigit = Message("a name must start with a letter")

    // MARK: Translations (extension)
    static let translationHeader = Message("a translation file starts with 'translation CODE' (for example: translation en)")
    static let translationLine = Message(
        "expected a text's key and its translation, as in: consenso 1 \"Yes\" (see docs/language.md, Translations)")
    static func translationSameLanguage(_ code: String) -> Message {
        Message("'\(code)' is the questionnaire's own language; a translation is into another one")
    }
    static func translationUnknownKey(_ key: String) -> Message {
        Message("'\(key)' is no text of the questionnaire to translate; remove it or correct the key")
    }
    static func translationTwice(_ key: String) -> Message { Message("'\(key)' is translated twice; keep one") }
    static func translationFill(_ fill: String) -> Message {
        Message("the fill \(fill) is not in the text it translates; a translation uses the original's fills")
    }
    static func translationMissing(language: String, key: String, file: String) -> Message {
        Message("this text has no '\(language)' translation: add '\(key) \"…\"' to \(file)")
    }

    // MARK: Header and statements
    static let missingSurvey = Message("the file must start with 'survey NAME \"title\"'")
    static func duplicateHeader(_ word: String) -> Message { Message("'\(word)' is given twice; keep one") }
    static func headerNotFirst(_ word: String) -> Message {
        Message("'\(word)' belongs at the top of the file, once, before the questions")
    }
    static func unknownLanguage(_ code: String) -> Message {
        Message("unknown language '\(code)'; supported: \(InterviewerLanguage.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    static func expected(_ what: String, found: String) -> Message { Message("expected \(what), found \(found)") }
    static func unexpectedAfter(_ found: String, _ what: String) -> Message {
        Message("unexpected \(found) after \(what); a statement is one line")
    }
    static func expectedStatement(found: String) -> Message {
        Message("expected a statement (a question, if, compute, check, warn, terminate, quota or sample), found \(found)")
    }
    static func unknownStatement(_ word: String, suggestion: String?) -> Message {
        Message("unknown statement '\(word)'\(mean(suggestion))")
    }
    static func unknownQuestionKind(_ word: String, suggestion: String?) -> Message {
        Message("unknown question kind '\(word)'\(mean(suggestion)); kinds are info, single, multi, number, text, scale, grid")
    }
    static func reservedName(_ word: String) -> Message {
        Message("'\(word)' is a reserved word and cannot be used as a name")
    }
    static let optionOutsideQuestion = Message(
        "an option line must follow a single or multi question (or a scale's anchors); no question is open here")
    static func closerWithoutIf(_ word: String) -> Message { Message("'\(word)' without an open 'if'") }
    static let endWithoutBlock = Message("'end' without an open 'if' or 'quota'")
    static func nestedTooDeeply(_ limit: Int) -> Message {
        Message("nested too deeply (more than \(limit) levels); simplify with a compute")
    }
    static func expressionTooLong(_ limit: Int) -> Message {
        Message("expression too long (more than \(limit) operators); split it into several computes")
    }
    static let duplicateElse = Message("this 'if' already has an 'else'")
    static let elseifAfterElse = Message("'elseif' after 'else'; move it above the 'else'")
    static func blockNotClosed(_ word: String) -> Message {
        Message("this '\(word)' is never closed; add 'end'")
    }

    // MARK: Questions
    static func unknownAttribute(_ word: String, kind: String, suggestion: String?) -> Message {
        Message("unknown attribute '\(word)' for \(article(kind)) \(kind) question\(mean(suggestion))")
    }
    static func attributeNotForKind(_ word: String, kind: String) -> Message {
        Message("'\(word)' does not apply to \(article(kind)) \(kind) question")
    }
    static func duplicateAttribute(_ word: String) -> Message { Message("'\(word)' is given twice; keep one") }
    static func missingAttribute(_ what: String, kind: String) -> Message {
        Message("\(article(kind)) \(kind) question needs \(what)")
    }
    static func rangeReversed(lower: Double, upper: Double) -> Message {
        Message("range \(number(lower))..\(number(upper)) is empty: the first number must not be larger than the second")
    }
    static let decimalsOutOfBounds = Message("decimals must be between 0 and 9")
    static let maxTooSmall = Message("max must be at least 1")
    static let pickNegative = Message("pick needs a number of codes of 0 or more (and an upper end of at least 1)")
    static func pickLargerThanOptions(_ upper: Int, options: Int) -> Message {
        Message("pick allows up to \(upper) codes but the question has only \(options) options")
    }
    static func pickImpossible(_ lower: Int, options: Int) -> Message {
        Message("pick asks for at least \(lower) codes but the question has only \(options) options")
    }
    static let scaleNotInteger = Message("a scale's range must be whole numbers")
    static let rangeNeedsDecimals = Message("a range with decimal numbers needs 'decimals N'")
    static func ifMustBeLast(found: String) -> Message {
        Message("unexpected \(found) after the condition; 'if' must be the last attribute")
    }
    static func invalidPattern(_ why: String) -> Message { Message("invalid pattern: \(why)") }
    static let exclusiveNotMulti = Message("'exclusive' applies to options of a multi question only")
    static func unknownOptionFlag(_ word: String, suggestion: String?) -> Message {
        Message("unexpected '\(word)' after the option's label\(mean(suggestion)); options take other, exclusive, fixed")
    }
    static func noOptions(_ name: String) -> Message {
        Message("'\(name)' has no options; add lines like: 1 \"label\"")
    }
    static func noItems(_ name: String) -> Message {
        Message("grid '\(name)' has no items; add lines like: item_name \"text\"")
    }
    static func duplicateName(_ name: String, firstAt line: Int) -> Message {
        Message("duplicate name '\(name)': already declared at line \(line)")
    }
    static func duplicateCode(_ code: Int, question: String, firstAt line: Int) -> Message {
        Message("duplicate code \(code) in '\(question)': already used at line \(line)")
    }
    static func duplicateCodeName(_ name: String, question: String, firstAt line: Int) -> Message {
        Message("duplicate code name '\(name)' in '\(question)': already used at line \(line)")
    }
    static func anchorOutsideScale(_ value: Int, lower: Int, upper: Int) -> Message {
        Message("anchor \(value) is outside the scale \(lower)..\(upper)")
    }
    static func duplicateAnchor(_ value: Int) -> Message { Message("anchor \(value) is labelled twice") }
    static let rotateNothing = Message("'rotate' has nothing to rotate: fewer than two options")
    static func sampleKind(found: String) -> Message {
        Message("expected the sample variable's kind (single, number or text), found \(found)")
    }
    static func unreachableAfterTerminate(line: Int) -> Message {
        Message("this is never reached: the 'terminate' at line \(line) always ends the interview first")
    }

    // MARK: Names and types
    static func unknownName(_ name: String, suggestion: String?) -> Message {
        Message("unknown name '\(name)'\(mean(suggestion))")
    }
    static func usedBeforeDeclaration(_ name: String, line: Int) -> Message {
        Message("'\(name)' is used before it is declared (at line \(line)): it could never have a value here; move the use below it")
    }
    static func unknownCodeName(_ name: String, question: String, suggestion: String?) -> Message {
        Message("unknown code name '\(name)' for question '\(question)'\(mean(suggestion))")
    }
    static func codeNotInQuestion(_ code: Int, question: String, codes: [Int]) -> Message {
        notACode("code \(code)", question: question, codes: codes)
    }
    static func notACode(_ value: String, question: String, codes: [Int]) -> Message {
        let shown = codes.count > 12 ? "\(codes.first!)..\(codes.last!)" : codes.map(String.init).joined(separator: ", ")
        return Message("\(value) is not a code of '\(question)' (codes: \(shown))")
    }
    static func fillOwnAnswer(_ name: String) -> Message {
        Message("the fill {\(name)} is this question's own answer: it has no value yet when the text is shown")
    }
    static func otherNameTaken(_ name: String, question: String) -> Message {
        Message("'\(name)' is the name the record gives to the 'other' specification of '\(question)'; rename one of them")
    }
    static func noValue(_ name: String) -> Message {
        Message("'\(name)' has no value (an info screen or a grid's name); use a question or a grid item")
    }
    static func bareNameNotCondition(_ name: String, _ type: String) -> Message {
        Message("'\(name)' is \(type), not a condition; compare it (e.g. \(name) = 1) or use answered(\(name))")
    }
    static func notACondition(_ type: String) -> Message {
        Message("expected a condition, but this is \(type)")
    }
    static func notANumber(_ type: String) -> Message { Message("expected a number here, but this is \(type)") }
    static let multiInArithmetic = Message("a multi question has no numeric value; use count(NAME) or NAME has CODE")
    static let compareMulti = Message("a multi question cannot be compared; use 'NAME has CODE' or count(NAME)")
    static func typeMismatch(_ a: String, _ b: String) -> Message {
        Message("cannot compare \(a) with \(b)")
    }
    static func hasNeedsMulti(_ what: String) -> Message {
        Message("'has' needs a multi question on its left, and \(what) is not one; use '=' or 'in'")
    }
    static let hasNeedsCode = Message("'has' needs a code or a code name on its right")
    static let rangeOfText = Message("a range A..B needs numbers, not texts")
    static func functionArgument(_ function: String, _ what: String) -> Message {
        Message("\(function)( ) takes \(what)")
    }
    static func computeType(_ type: String) -> Message {
        Message("compute gives a number or a condition, but this is \(type)")
    }

    // MARK: Fills
    static let unclosedFill = Message("a '{' in this text is never closed; write '{{' for a literal brace")
    static func badFill(_ name: String) -> Message {
        Message("'{\(name)}' is not a fill; use {NAME}, {sample.COLUMN} or {interviewer}")
    }
    static func unknownFill(_ name: String, suggestion: String?) -> Message {
        Message("the fill {\(name)} names no question\(mean(suggestion))")
    }
    static func fillBeforeDeclaration(_ name: String, line: Int) -> Message {
        Message("the fill {\(name)} uses '\(name)', declared below at line \(line): it could never have a value here")
    }

    // MARK: Quotas
    static func duplicateQuota(_ name: String, firstAt line: Int) -> Message {
        Message("duplicate quota name '\(name)': already declared at line \(line)")
    }
    static func quotaVariableNotSingle(_ name: String) -> Message {
        Message("quota variable '\(name)' must be a single question or a sample single")
    }
    static func quotaVariableTwice(_ name: String) -> Message { Message("'\(name)' is listed twice after 'by'") }
    static func quotaVariableAllowsMissing(_ name: String) -> Message {
        Message("quota variable '\(name)' allows dk/refused: such interviews belong to no cell of this quota")
    }
    static func quotaRowArity(found: Int, expected: Int) -> Message {
        Message("this row has \(found) codes but the quota is by \(expected) variables")
    }
    static let negativeTarget = Message("a target must be 0 or more")
    static func overlappingCells(_ cell: String, _ other: String, line: Int) -> Message {
        Message("cell '\(cell)' overlaps cell '\(other)' at line \(line): an interview would belong to both")
    }
    static func emptyQuota(_ name: String) -> Message { Message("quota '\(name)' has no cells") }
    static func uncoveredCombinations(_ count: Int, example: String, quota: String) -> Message {
        Message("\(count) combination(s) of quota '\(quota)' are in no cell (e.g. \(example)): such interviews end over-quota (target 0)")
    }
}
