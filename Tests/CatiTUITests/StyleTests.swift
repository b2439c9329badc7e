import Testing

@testable import CatiTUI

struct StyleTests {
    @Test(arguments: [false, true])
    func everyRoleButNormalStandsOut(color: Bool) {
        for style in Style.allCases where style != .normal {
            #expect(style.appearance(color: color) != Style.normal.appearance(color: color), "\(style)")
        }
    }

    @Test func monochromeUsesAttributesOnly() {
        for style in Style.allCases {
            #expect(!style.appearance(color: false).isColored, "\(style)")
        }
    }

    /// A foreground on the terminal's unknown background may vanish (yellow on white):
    /// coloured roles give both colours, and never the same one twice.
    @Test func coloredRolesSetBothColors() {
        for style in Style.allCases {
            let look = style.appearance(color: true)
            guard look.isColored else { continue }
            #expect(look.foreground != nil && look.background != nil, "\(style)")
            #expect(look.foreground != look.background, "\(style)")
        }
    }

    @Test(arguments: [false, true])
    func messageRolesDifferFromTheTitle(color: Bool) {
        let title = Style.title.appearance(color: color)
        for style in [Style.error, .warning, .ok] where !(color == false && style == .error) {
            #expect(style.appearance(color: color) != title, "\(style)")
        }
    }
}
