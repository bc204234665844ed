import Foundation
import Hummingbird
import Planning

/// How `stplan serve` runs: the folder, the address, and the `stplan` executable that the planning runs start.
public struct WorkbenchOptions: Sendable {
    /// The workspace folder of scenario files.
    public var folder: String
    /// The address to listen on (loopback unless `--host` says otherwise) and the port (0: any free port).
    public var host: String
    public var port: Int
    /// The token every request must carry when the server listens beyond loopback.
    public var token: String?
    /// The `stplan` executable that plans (a process per run, so that a crash ends the run, not the server).
    public var binary: String

    public init(folder: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, binary: String) {
        self.folder = folder
        self.host = host
        self.port = port
        self.token = token
        self.binary = binary
    }

    /// Whether `host` is a loopback address (reachable from this machine only).
    public static func isLoopback(_ host: String) -> Bool {
        if host == "::1" || host == "localhost" { return true }
        // 127.x.y.z written as four numbers (a name such as 127.evil.example is no address).
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { p in p.count <= 3 && p.allSatisfy(\.isASCII) && Int(p).map { (0...255).contains($0) } == true }
    }

    /// What is wrong with these options, or nil: another address than loopback needs a token of 16 characters or more.
    public var problem: String? {
        if !Self.isLoopback(host) {
            guard let token, token.count >= 16 else {
                return "--host \(host) makes the workbench reachable from other machines: give --token with a secret of at least 16 characters, which every request must carry"
            }
        }
        guard (0...65535).contains(port) else { return "--port takes 0 to 65535, not \(port)" }
        return nil
    }
}

/// The request context of the workbench: the page's language and the fields of a posted form.
public struct WorkbenchContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `?lang=en` asks for English; Swedish otherwise.
    public var language = Language(english: false)
    /// The fields of a posted form (`application/x-www-form-urlencoded`), read once by the guard.
    public var form: [String: String] = [:]
    public init(source: Source) { coreContext = .init(source: source) }
    /// The largest request body taken (bytes): a scenario file of ``Workspace/maxScenarioBytes`` and its form.
    public var maxUploadSize: Int { Workspace.maxScenarioBytes + 200_000 }
}

/// The shared state of a running workbench.
final class WorkbenchState: Sendable {
    let workspace: Workspace
    let jobs: JobQueue
    /// The token that every form which changes something carries (a new one each start).
    let csrf: String
    let token: String?
    init(workspace: Workspace, jobs: JobQueue, token: String?) {
        self.workspace = workspace
        self.jobs = jobs
        self.token = token
        csrf = Self.randomToken()
    }
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}

/// `stplan serve`: the local web app over a workspace folder.
public enum WorkbenchServer {
    /// The application for `options` (not yet running): its router, its guard and its job queue.
    public static func application(_ options: WorkbenchOptions,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws(WorkbenchError) -> some ApplicationProtocol {
        if let problem = options.problem { throw WorkbenchError(status: 400, problem, english: problem) }
        let workspace = try Workspace(path: options.folder)
        let state = WorkbenchState(workspace: workspace, jobs: JobQueue(binary: options.binary, workspace: workspace), token: options.token)
        return Application(router: Routes.router(state),
                           configuration: .init(address: .hostname(options.host, port: options.port), serverName: "stplan"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) })
    }

    /// Runs the workbench until the process is stopped; `onRunning` gets the port it listens on.
    public static func run(_ options: WorkbenchOptions, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let app = try application(options, onRunning: onRunning)
        try await app.runService()
    }
}
