import Hummingbird

/// `GET /v1/receipts/{receipt}`: whether the submission with that receipt is stored here.
struct ReceiptController: Sendable {
    let services: CollectorServices

    struct Answer: Encodable {
        let receipt: String
        let stored: Bool
        let storedAt: String?

        enum CodingKeys: String, CodingKey {
            case receipt, stored
            case storedAt = "stored_at"
        }
    }

    func lookup(_ request: Request, context: CollectorContext) async -> Response {
        let receipt = context.parameters.get("receipt") ?? ""
        guard receipt.utf8.count == 64, receipt.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return services.refuse(Refusal(.invalidReceipt, field: "receipt"), request: request)
        }
        do {
            guard let storedAt = try services.store.storedAt(receipt: receipt) else {
                return Answers.json(Answer(receipt: receipt, stored: false, storedAt: nil), status: .notFound)
            }
            return Answers.json(Answer(receipt: receipt, stored: true, storedAt: storedAt))
        } catch {
            return services.refuse(Refusal(.unavailable), request: request)
        }
    }
}
