import LookoutCatalog

/// Places rows and panels on Grafana's 24-column grid: each row header takes a full-width
/// line, then its panels fill shelves left to right, a panel that does not fit starting a
/// new shelf below the tallest panel of the current one. Panels never overlap and never
/// cross column 24.
enum GridLayout {
    /// Grid columns.
    static let columns = 24

    /// A position on the grid.
    struct Position: Sendable, Hashable {
        let x: Int
        let y: Int
        let width: Int
        let height: Int

        var json: JSONValue { ["h": .int(height), "w": .int(width), "x": .int(x), "y": .int(y)] }
    }

    /// Positions for `rows` (each a list of panel sizes), as the row header's position
    /// and each panel's position, in order.
    static func layout(_ rows: [[(width: Int, height: Int)]]) -> [(row: Position, panels: [Position])] {
        var y = 0
        var result: [(row: Position, panels: [Position])] = []
        for sizes in rows {
            let header = Position(x: 0, y: y, width: columns, height: 1)
            y += 1
            var x = 0
            var shelfHeight = 0
            var panels: [Position] = []
            for size in sizes {
                let width = min(max(size.width, 1), columns)
                if x + width > columns {
                    y += shelfHeight
                    x = 0
                    shelfHeight = 0
                }
                panels.append(Position(x: x, y: y, width: width, height: size.height))
                x += width
                shelfHeight = max(shelfHeight, size.height)
            }
            y += shelfHeight
            result.append((header, panels))
        }
        return result
    }
}
