import Foundation

/// Names the calling thread as `top -H` and `ps -L` show it. Foundation's `Thread.name` does not reach the
/// system on Linux and `pthread_setname_np` does not import into Swift, so the name is written where the kernel
/// keeps it (15 bytes at most); where there is no such file, the thread keeps its default name.
func nameCurrentThread(_ name: StaticString) {
    let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    name.withUTF8Buffer { _ = write(descriptor, $0.baseAddress, min($0.count, 15)) }
    close(descriptor)
}
