import Foundation
import Model

extension CredentialIssuer {
    /// `POST /v1/code-grants`: the identity step where a roll has voting codes and no identity provider (`--codes`).
    /// A code of the roll gets one grant, then one credential, as a provider's subject does; its key goes no further
    /// than this check, so the ballots the credential signs cannot be traced back to the code's card.
    func codeGrant(code: String) -> Result<String, IssuerRefusal> {
        guard let codes else { return .failure(.codesNotOffered) }
        let key: VotingKey
        do {
            key = try VotingKey(code: code, rollID: settings.roll)
        } catch .checkMismatch {
            return .failure(.invalidField("code", "the code's last symbol does not match the others: check it against the card"))
        } catch {
            return .failure(.invalidField("code", "a voting code is 25 symbols of the card's alphabet, e.g. XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"))
        }
        guard let bytes = Base64URL.decode(key.publicKey).flatMap(Bytes32.init), codes.keys.contains(bytes, roll: settings.roll) else {
            logger.notice("code refused: not on the roll")
            return .failure(IssuerRefusal(status: 403, code: "not_eligible", message: "This code is not on the roll of \(settings.roll).", field: "code"))
        }
        // A provider's `iss` is a URL: this label cannot be one, so a code and a provider subject never share a digest.
        let digest = subjectKey.digest(issuer: "voting-code", subject: key.publicKey)
        do {
            if try store.isIssued(roll: settings.roll, digest: digest) {
                logger.notice("code refused: a credential was already issued for it")
                return .failure(.alreadyIssued)
            }
        } catch {
            logger.error("code grant not made: \(error)")
            return .failure(.unavailable)
        }
        let grant = Base64URL.encode(environment.randomBytes(32))
        guard grants.insert(digest, key: grant, now: environment.now()) else { return .failure(.busy) }
        logger.info("code grant made")
        return .success(grant)
    }
}
