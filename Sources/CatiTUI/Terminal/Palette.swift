import CNcursesw

/// The curses attributes and colour pair of each `Style`, built once at start.
/// (`wattr_set` takes the pair apart from the attributes: a COLOR_PAIR() bit in the
/// attributes is overridden by the pair argument.)
struct Palette {
    struct Look {
        var attributes: attr_t
        var pair: Int16
    }

    private var looks: [Style: Look] = [:]

    func look(_ style: Style) -> Look {
        looks[style] ?? Look(attributes: cati_a_normal(), pair: 0)
    }

    /// Attributes only: monochrome terminals, or NO_COLOR set.
    static func monochrome() -> Palette {
        var palette = Palette()
        for style in Style.allCases {
            palette.looks[style] = Look(attributes: attribute(of: style.appearance(color: false)), pair: 0)
        }
        return palette
    }

    /// Colours: call after `start_color()`. Each coloured style gets its own pair.
    static func colored(defaultColors: Bool) -> Palette {
        var palette = Palette()
        var pair: Int16 = 0
        for style in Style.allCases {
            let appearance = style.appearance(color: true)
            var look = Look(attributes: attribute(of: appearance), pair: 0)
            if appearance.isColored {
                pair += 1
                let fallbackForeground: Int16 = defaultColors ? -1 : Int16(COLOR_WHITE)
                let fallbackBackground: Int16 = defaultColors ? -1 : Int16(COLOR_BLACK)
                let fg = appearance.foreground?.rawValue ?? fallbackForeground
                let bg = appearance.background?.rawValue ?? fallbackBackground
                if cati_init_pair(pair, fg, bg) {
                    look.pair = pair
                } else {
                    look.attributes = attribute(of: style.appearance(color: false))
                }
            }
            palette.looks[style] = look
        }
        return palette
    }

    private static func attribute(of appearance: Appearance) -> attr_t {
        var attr = cati_a_normal()
        if appearance.bold { attr |= cati_a_bold() }
        if appearance.underline { attr |= cati_a_underline() }
        if appearance.reverse { attr |= cati_a_reverse() }
        if appearance.dim { attr |= cati_a_dim() }
        return attr
    }
}
