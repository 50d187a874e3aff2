import Foundation
import Model

/// `export --pabulib`: a budget form's valid ballots as a `.pb` file.
public enum PabulibExport {
    public static func text(form formID: String, verification: Verification, inputs: TellerInputs) throws -> String {
        guard let form = inputs.manifest.form(formID) else { throw TellerError("--form \(formID): no such form in the manifest") }
        let ballots = CountInput(verification, manifest: inputs.manifest).counted(formID)
        do {
            return try PBElection(form: form, ballots: ballots, language: inputs.manifest.defaultLanguage).pabulibText()
        } catch let error as TallyError {
            throw TellerError(error.message)
        }
    }
}
