/// A position in a pipeline file or data file, used to point an error at its cause.
///
/// Lines and columns count from 1; the column counts Unicode scalars, as editors do.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative, so messages stay short).
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
