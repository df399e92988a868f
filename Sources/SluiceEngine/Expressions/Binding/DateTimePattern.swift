/// A Spark datetime pattern (`yyyy-MM-dd HH:mm:ss`, `dd/MM/yyyy`, `yyyy-MM-dd'T'HH:mm:ss.SSS`),
/// compiled once, to format timestamps and parse text. Letters: `y` year, `M` month (`MMM` Jan,
/// `MMMM` January), `d` day, `H` hour 0-23, `h` hour 1-12, `a` AM/PM, `m` minute, `s` second,
/// `S` fraction of a second, `E` weekday (`EEE` Mon, `EEEE` Monday), `D` day of year;
/// text in single quotes is literal (`''` is a quote).
struct DateTimePattern: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case literal(String)
        case field(Character, width: Int)
    }

    let parts: [Part]

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Compiles `pattern`; nil for letters Sluice does not know.
    init?(_ pattern: String) {
        var parts: [Part] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                var text = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" { text.append("'"); index += 2; continue }
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                parts.append(.literal(text.isEmpty ? "'" : text))
                index += 1
            } else if character.isLetter {
                guard "yMdHhamsSED".contains(character) else { return nil }
                var width = 1
                while index + width < characters.count, characters[index + width] == character { width += 1 }
                parts.append(.field(character, width: width))
                index += width
            } else {
                parts.append(.literal(String(character)))
                index += 1
            }
        }
        self.parts = parts
    }

    /// `micros` (UTC) written per the pattern.
    func format(_ micros: Int64) -> String {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { days -= 1; rest += 86_400_000_000 }
        let (year, month, day) = Temporal.civil(days: Int(days))
        let seconds = Int(rest / 1_000_000)
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .field(let letter, let width):
                switch letter {
                case "y": out += width == 2 ? pad(year % 100, 2) : pad(year, width)
                case "M":
                    out += width >= 4 ? Self.monthNames[month - 1] : width == 3 ? String(Self.monthNames[month - 1].prefix(3)) : pad(month, width)
                case "d": out += pad(day, width)
                case "D": out += pad(Int(days) - Temporal.days(year: year, month: 1, day: 1) + 1, width)
                case "H": out += pad(seconds / 3600, width)
                case "h": out += pad((seconds / 3600 + 11) % 12 + 1, width)
                case "a": out += seconds / 3600 < 12 ? "AM" : "PM"
                case "m": out += pad(seconds / 60 % 60, width)
                case "s": out += pad(seconds % 60, width)
                case "S": out += String(pad(Int(rest % 1_000_000), 6).prefix(width)).padding(toLength: width, withPad: "0", startingAt: 0)
                default:
                    let weekday = Self.dayNames[((Int(days) + 3) % 7 + 7) % 7]
                    out += width >= 4 ? weekday : String(weekday.prefix(3))
                }
            }
        }
        return out
    }

    /// The timestamp (UTC microseconds) `text` spells per the pattern; nil when it does not match.
    func parse(_ text: String) -> Int64? {
        let characters = Array(text)
        var index = 0
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0
        var pm: Bool?
        for (position, part) in parts.enumerated() {
            switch part {
            case .literal(let literal):
                for character in literal {
                    guard index < characters.count, characters[index] == character else { return nil }
                    index += 1
                }
            case .field(let letter, let width):
                if letter == "a" {
                    guard index + 2 <= characters.count else { return nil }
                    let marker = String(characters[index..<index + 2]).uppercased()
                    guard marker == "AM" || marker == "PM" else { return nil }
                    pm = marker == "PM"
                    index += 2
                    continue
                }
                if letter == "M", width >= 3 {
                    guard let found = Self.monthNames.firstIndex(where: { name in
                        let candidate = width == 3 ? String(name.prefix(3)) : name
                        return String(characters[index..<min(characters.count, index + candidate.count)]).lowercased() == candidate.lowercased()
                    }) else { return nil }
                    month = found + 1
                    index += width == 3 ? 3 : Self.monthNames[found].count
                    continue
                }
                // A field followed directly by another field takes exactly its width; otherwise as many digits as there are.
                let nextIsField = position + 1 < parts.count && { if case .field = parts[position + 1] { return true } else { return false } }()
                let start = index
                while index < characters.count, characters[index].isASCII, characters[index].isNumber,
                      !nextIsField || index - start < width { index += 1 }
                guard index > start, let value = Int(String(characters[start..<index])) else { return nil }
                switch letter {
                case "y": year = index - start == 2 ? 2000 + value : value
                case "M": month = value
                case "d": day = value
                case "H", "h": hour = value
                case "m": minute = value
                case "s": second = value
                case "S":
                    let digits = index - start
                    fraction = digits >= 6 ? Int(String(characters[start..<start + 6]))! : value * [100_000, 10_000, 1000, 100, 10, 1][digits - 1]
                default: return nil
                }
            }
        }
        guard index == characters.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            return nil
        }
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        let days = Temporal.days(year: year, month: month, day: day)
        guard Temporal.civil(days: days) == (year, month, day) else { return nil }  // rejects 2025-02-30
        return (Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1_000_000 + Int64(fraction)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

import Foundation
