import Foundation
import FuzzTargets

/// Built by scripts/fuzz.sh (FUZZ=1: `-sanitize=fuzzer,address`, FUZZING defined), hands the target FUZZ_TARGET
/// names to libFuzzer. Built plainly, replays files through a target: `fuzz TARGET FILE...` (a finding libFuzzer
/// left, or a corpus).
@main
enum FuzzRunner {
    static func main() {
        #if FUZZING
        guard let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            fail("set FUZZ_TARGET to one of: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
        }
        _ = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            fail("usage: fuzz TARGET FILE...   targets: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fail("fuzz: cannot read \(path)") }
            Array(data).withUnsafeBufferPointer { target.run($0) }
        }
        print("fuzz \(name): \(arguments.count - 1) inputs, no finding")
        #endif
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}

#if FUZZING
/// The target of this run, read once; libFuzzer's callback is a C function, which captures nothing.
private let selected = ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

/// libFuzzer's entry, whichever `main` the link keeps: SwiftPM's (which runs libFuzzer's driver) or libFuzzer's own.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selected else { fatalError("set FUZZ_TARGET to one of: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")) }
    target.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
