@testable import SluiceConnectors
import SluiceSpec
import Testing

/// The MariaDB client library is loaded when a MySQL step connects, not linked: a missing
/// library is an error naming what to install, and the installed one provides every function.
@Suite struct MariaDBLibraryTests {
    @Test func aMissingLibraryNamesThePackageToInstall() {
        guard case .failure(let error) = MariaDBLibrary.load(from: ["libmariadb-missing.so.9"]) else {
            Issue.record("a library that does not exist loaded")
            return
        }
        #expect(error.code == .unsupported)
        #expect(error.message.contains("libmariadb-missing.so.9"))
        #expect(error.hint?.contains("apt-get install libmariadb3") == true)
    }

    @Test func aLibraryWithoutTheFunctionsNamesTheFirstMissing() {
        guard case .failure(let error) = MariaDBLibrary.load(from: ["libz.so.1"]) else {
            Issue.record("zlib passed for the MariaDB client library")
            return
        }
        #expect(error.message == "the MariaDB client library lacks mysql_init")
    }

    @Test func theInstalledLibraryProvidesEveryFunction() throws {
        let library = try MariaDBLibrary.load(from: MariaDBLibrary.fileNames).get()
        // A handle made and closed through the loaded functions.
        let handle = try #require(library.initialize(nil))
        library.close(handle)
    }
}
