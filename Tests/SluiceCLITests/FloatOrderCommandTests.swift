import Foundation
import Testing

/// Doubles compare, sort, group, deduplicate and join in Spark's order, not IEEE 754's: NaN
/// equals NaN and is above every other value, and -0.0 equals 0.0. DuckDB follows the same
/// rules and gives the same answers to these queries.
@Suite struct FloatOrderCommandTests {
    static let readings = "id,x\n1,NaN\n2,1.5\n3,NaN\n4,-0.0\n5,0.0\n6,Infinity\n7,-Infinity\n8,\n9,200\n"

    func run(_ query: String) throws -> (SluiceProcess.Result, String?) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("data/readings.csv", Self.readings)
        return try sluice.runSQL(query, datasets: [("t", "data/readings.csv")])
    }

    @Test func nanSortsLastAndNegativeZeroTiesWithZero() throws {
        let (result, output) = try run("SELECT id, x FROM t ORDER BY x, id")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "id,x\n8,\n7,-Infinity\n4,-0.0\n5,0.0\n2,1.5\n9,200.0\n6,Infinity\n1,NaN\n3,NaN\n")
        let (descending, reversed) = try run("SELECT id, x FROM t ORDER BY x DESC, id")
        #expect(descending.status == 0, "\(descending.stderr)")
        #expect(reversed == "id,x\n1,NaN\n3,NaN\n6,Infinity\n9,200.0\n2,1.5\n4,-0.0\n5,0.0\n7,-Infinity\n8,\n")
    }

    @Test func nanRowsFormOneGroupAndZerosAnother() throws {
        let (result, output) = try run("SELECT x, count(*) AS n FROM t GROUP BY x ORDER BY x")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "x,n\n,1\n-Infinity,1\n0.0,2\n1.5,1\n200.0,1\nInfinity,1\nNaN,2\n")
        let (distinct, values) = try run("SELECT count(*) AS n FROM (SELECT DISTINCT x FROM t) d")
        #expect(distinct.status == 0, "\(distinct.stderr)")
        #expect(values == "n\n7\n")
    }

    @Test func comparisonsTreatNaNAsEqualToItselfAndAboveEverything() throws {
        let (result, output) = try run("""
            SELECT id, x = CAST('NaN' AS DOUBLE) AS eq, x > 100 AS gt, x IN (CAST('NaN' AS DOUBLE), 1.5) AS inl,
                   nullif(x, CAST('NaN' AS DOUBLE)) AS nf, greatest(x, 100.0) AS g, x BETWEEN 100 AND double('NaN') AS bt,
                   x <=> CAST('NaN' AS DOUBLE) AS nse, x < CAST('Infinity' AS DOUBLE) AS lt,
                   array(x) = array(CAST('NaN' AS DOUBLE)) AS arr
            FROM t ORDER BY id
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == """
            id,eq,gt,inl,nf,g,bt,nse,lt,arr
            1,true,true,true,,NaN,true,true,false,true
            2,false,false,true,1.5,100.0,false,false,true,false
            3,true,true,true,,NaN,true,true,false,true
            4,false,false,false,-0.0,100.0,false,false,true,false
            5,false,false,false,0.0,100.0,false,false,true,false
            6,false,true,false,Infinity,Infinity,true,false,false,false
            7,false,false,false,-Infinity,100.0,false,false,true,false
            8,,,,,100.0,,false,,false
            9,false,true,false,200.0,200.0,true,false,true,false

            """)
    }

    @Test func nanJoinsNaNAndZeroJoinsNegativeZero() throws {
        let (result, output) = try run("SELECT count(*) AS pairs FROM t a JOIN t b ON a.x = b.x")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "pairs\n12\n")
    }

    @Test func castFunctionsAreCasts() throws {
        let (result, output) = try run("""
            SELECT double('2.5') + 1 AS d, int('7') AS i, bigint(x) AS b, decimal('3.7') AS dc, date('2025-01-02') AS dt,
                   string(id) || '!' AS s, boolean('true') AS flag
            FROM t WHERE id = 2
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "d,i,b,dc,dt,s,flag\n3.5,7,1,4,2025-01-02,2!,true\n")
        let (wrong, _) = try run("SELECT double(x, 2) AS d FROM t")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("double takes 1 argument, got 2"), "\(wrong.stderr)")
    }
}
