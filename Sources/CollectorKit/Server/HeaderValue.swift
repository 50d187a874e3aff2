import HTTPTypes

extension HTTPFields {
    /// `self[name]`, without its generic join when the field appears once, as it nearly always does: that join
    /// was a visible cost of every submission.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
