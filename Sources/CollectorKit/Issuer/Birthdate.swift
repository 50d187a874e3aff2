import Foundation

/// Age from an OpenID Connect `birthdate` claim, on a given day.
enum Birthdate {
    /// Whole years from `birthdate` to the day of `now` in UTC, or nil when it is not a date.
    ///
    /// The claim is `YYYY-MM-DD`, or `YYYY` when the provider gives the year only (OpenID Connect Core §5.1);
    /// a year alone counts from its last day, so that no one is taken for older than they are. A year of 0000
    /// (`0000-MM-DD`: the year withheld) gives no age.
    static func age(_ birthdate: String, now: Date) -> Int? {
        let parts = birthdate.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 3, parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), year > 0
        else { return nil }
        let (month, day) = parts.count == 3 ? (Int(parts[1]) ?? 0, Int(parts[2]) ?? 0) : (12, 31)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // A day that does not exist (02-30) rolls over into the next month: refused, not moved.
        guard let born = DateComponents(calendar: calendar, year: year, month: month, day: day).date,
              calendar.component(.month, from: born) == month, calendar.component(.day, from: born) == day, born <= now
        else { return nil }
        return calendar.dateComponents([.year], from: born, to: now).year
    }
}
