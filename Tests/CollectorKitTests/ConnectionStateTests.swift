@testable import CollectorKit
import NIOCore
import NIOEmbedded
import NIOHTTP1
import XCTest

/// `ConnectionStateHandler` on an embedded channel and its virtual clock: when a connection counts as idle, and
/// when graceful shutdown may close it.
final class ConnectionStateTests: XCTestCase {
    /// Stands for the socket's half-close: an embedded channel would close entirely.
    private final class HalfClose: ChannelOutboundHandler {
        typealias OutboundIn = Any
        var outputClosed = false

        func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
            guard mode == .output else { return context.close(mode: mode, promise: promise) }
            outputClosed = true
            promise?.succeed(())
        }
    }

    private func channel(idleTimeout: TimeAmount? = .milliseconds(100)) throws -> (EmbeddedChannel, HalfClose) {
        let loop = EmbeddedEventLoop()
        let halfClose = HalfClose()
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(halfClose)
        try channel.pipeline.syncOperations.addHandler(ConnectionStateHandler(idleTimeout: idleTimeout, now: { loop.now }))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, halfClose)
    }

    private let head = HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/submissions"))

    private func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .created)))
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
    }

    func testASilentConnectionAndASlowRequestAreClosedButAWaitingOneIsNot() throws {
        let (silent, _) = try channel()
        silent.embeddedEventLoop.advanceTime(by: .milliseconds(150))
        XCTAssertFalse(silent.isActive, "nothing sent")

        let (slow, _) = try channel()
        try slow.writeInbound(head)
        slow.embeddedEventLoop.advanceTime(by: .milliseconds(150))
        XCTAssertFalse(slow.isActive, "a head never finished")

        let (waiting, _) = try channel()
        try waiting.writeInbound(head)
        try waiting.writeInbound(HTTPServerRequestPart.end(nil))
        // A second request's head behind the first, whose answer is still awaited (a store that takes its time).
        try waiting.writeInbound(head)
        waiting.embeddedEventLoop.advanceTime(by: .milliseconds(450))
        XCTAssertTrue(waiting.isActive, "waiting for an answer is not idle")
        try answer(waiting)
        waiting.embeddedEventLoop.advanceTime(by: .milliseconds(150))
        XCTAssertFalse(waiting.isActive, "the second request never finished")
    }

    /// One byte of body every so often used to reset the idle time for ever (case 4 of issue 18).
    func testABodyTrickledInByteByByteIsCutOffAtTheTimeoutAfterItsHead() throws {
        let (trickled, _) = try channel()
        try trickled.writeInbound(head)
        for _ in 0..<3 {
            trickled.embeddedEventLoop.advanceTime(by: .milliseconds(40))
            try trickled.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "x")))
        }
        XCTAssertFalse(trickled.isActive, "each byte came within the timeout of the last, but the body not within it of the head")

        let (prompt, _) = try channel()
        try prompt.writeInbound(head)
        prompt.embeddedEventLoop.advanceTime(by: .milliseconds(60))
        try prompt.writeInbound(HTTPServerRequestPart.body(ByteBuffer(string: "x")))
        try prompt.writeInbound(HTTPServerRequestPart.end(nil))
        prompt.embeddedEventLoop.advanceTime(by: .milliseconds(60))
        XCTAssertTrue(prompt.isActive, "a whole request within the timeout, then an answer owed")
    }

    func testGracefulShutdownClosesOnceEveryAnswerIsOut() throws {
        let (channel, _) = try channel(idleTimeout: nil)
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        XCTAssertTrue(channel.isActive, "an answer is owed")
        try answer(channel)
        XCTAssertFalse(channel.isActive)
    }

    /// After an answer with `Connection: close` the router closes only the output; a request read behind it is
    /// never answered and must not keep the connection from closing.
    func testARequestBehindAClosedOutputIsNotWaitedFor() throws {
        let (channel, halfClose) = try channel(idleTimeout: nil)
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        try channel.writeInbound(head)
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        try answer(channel)
        channel.close(mode: .output, promise: nil)
        XCTAssertTrue(halfClose.outputClosed)
        XCTAssertTrue(channel.isActive)
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        XCTAssertFalse(channel.isActive)
    }

    /// The same, with the shutdown asked for before the output closes.
    func testAShutdownWaitingForAnswersClosesWhenTheOutputCloses() throws {
        let (channel, halfClose) = try channel(idleTimeout: nil)
        for _ in 1...2 {
            try channel.writeInbound(head)
            try channel.writeInbound(HTTPServerRequestPart.end(nil))
        }
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        try answer(channel)
        XCTAssertTrue(channel.isActive, "the second request is still owed an answer")
        channel.close(mode: .output, promise: nil)
        XCTAssertFalse(halfClose.outputClosed)
        XCTAssertFalse(channel.isActive)
    }
}
