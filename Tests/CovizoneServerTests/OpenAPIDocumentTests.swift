@testable import CovizoneServer
import CovizoneTestSupport
import Foundation
import Logging
import OpenAPIKit
import Testing
import Yams

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    func document() throws -> OpenAPI.Document {
        let text = try String(contentsOf: ServerResources.directory.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
    }

    @Test("the document is valid OpenAPI 3.1")
    func valid() throws {
        let document = try document()
        #expect(document.openAPIVersion.rawValue.hasPrefix("3.1"))
        try document.validate()
    }

    @Test("every route of the server is in the document")
    func routesDocumented() async throws {
        let document = try document()
        let routes = try await TestServer.routes()
        #expect(routes.count > 10)
        for route in routes {
            let path = OpenAPI.Path(rawValue: route.path)
            let item = try #require(document.paths[path]?.pathItemValue, "\(route.path) is missing from openapi.yaml")
            let method = try #require(OpenAPI.HttpMethod(rawValue: route.method.uppercased()))
            #expect(item[method] != nil, "\(route.method) \(route.path) is missing from openapi.yaml")
        }
    }
}

extension TestServer {
    /// Method and path of every route the router holds.
    static func routes() async throws -> [(method: String, path: String)] {
        let store = try await CovizoneTestSupport.TestEngine.sqlite.makeStore()
        var configuration = ServerConfiguration()
        configuration.dataDirectory = store.dataDirectory
        configuration.passwordHashCost = 4
        let environment = try await buildEnvironment(configuration: configuration, clock: .system, announce: { _ in }, logger: Logger(label: "test"))
        let routes = buildRouter(environment: environment, services: AppServices(environment: environment, logger: Logger(label: "test"))).routes.map { (method: $0.method.rawValue, path: $0.path.description) }
        try await environment.database.shutdown()
        await store.remove()
        return routes
    }
}
