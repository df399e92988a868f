import Foundation
import Testing

@Suite struct SQLCommandTests {
    func run(_ query: String, command: String = "run", format: String = "csv") throws -> (SluiceProcess.Result, String?) {
        let sluice = try SluiceProcess()
        defer { sluice.remove() }
        try sluice.write("data/customers.csv", "customer_id,region,active\n17,north,true\n23,south,false\n8,east,true\n")
        return try sluice.runSQL(query, datasets: [("orders", "examples/data/orders.csv"), ("customers", "data/customers.csv")],
                                 format: format, command: command)
    }

    @Test func joinsGroupsOrdersAndLimits() throws {
        let (result, output) = try run("""
            SELECT c.region, count(*) AS orders, sum(o.amount) AS revenue
            FROM orders o JOIN customers c ON o.customer_id = c.customer_id
            WHERE c.active GROUP BY c.region ORDER BY revenue DESC LIMIT 5
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "region,orders,revenue\neast,2,179.9\nnorth,3,90.6\n")
    }

    @Test func orderByMayReadColumnsTheSelectListLeavesOut() throws {
        let (result, output) = try run("SELECT order_id, upper(status) AS s FROM orders ORDER BY amount DESC, order_id LIMIT 3")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "order_id,s\n1010,COMPLETED\n1002,COMPLETED\n1006,REFUNDED\n")
        // A key reading a column the select list leaves out, beside a key naming one of its aliases.
        let (mixed, ids) = try run("SELECT order_id AS id FROM orders WHERE amount > 20 ORDER BY upper(category), id DESC")
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(ids == "id\n1008\n1001\n1010\n1006\n1002\n1009\n1011\n1005\n")
    }

    @Test func orderByMayReadAggregatesAndGroupsTheSelectListLeavesOut() throws {
        let (result, output) = try run("SELECT status FROM orders GROUP BY status ORDER BY count(*) DESC, status")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "status\ncompleted\ncancelled\npending\nrefunded\n")
        let (grouped, counts) = try run("SELECT count(*) AS n, max(amount) AS top FROM orders GROUP BY status ORDER BY status DESC")
        #expect(grouped.status == 0, "\(grouped.stderr)")
        #expect(counts == "n,top\n1,249.0\n2,75.25\n7,1299.0\n2,18.75\n")
        // An aggregate only ORDER BY reads, beside one only HAVING reads (DuckDB gives the same rows).
        let (having, totals) = try run("""
            SELECT category, sum(amount) AS total FROM orders GROUP BY category HAVING count(*) > 1
            ORDER BY avg(quantity) DESC, category
            """)
        #expect(having.status == 0, "\(having.stderr)")
        #expect(totals == "category,total\nkitchen,18.75\nbooks,175.49\ngarden,90.25\nelectronics,2447.99\n")
    }

    @Test func castsAndTypedLiteralsReadSparksShortDateForms() throws {
        let (result, output) = try run("""
            SELECT CAST('2025-1-5' AS DATE) AS a, CAST('2025' AS DATE) AS b, date('2025-03') AS c,
                   CAST('2025-03-04T23:30:00-05:00' AS DATE) AS d, CAST('2025-03-04 7:5:3' AS TIMESTAMP) AS e,
                   to_date('2025-1-5') AS f, DATE '2025-2-1' AS g, CAST('2025-02-30' AS DATE) AS h
            FROM orders LIMIT 1
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "a,b,c,d,e,f,g,h\n2025-01-05,2025-01-01,2025-03-01,2025-03-04,2025-03-04T07:05:03Z,2025-01-05,2025-02-01,\n")
    }

    @Test func subqueriesUnionsAndDistinct() throws {
        let (result, output) = try run("""
            SELECT DISTINCT status FROM (SELECT status FROM orders WHERE amount > 100 UNION ALL SELECT 'none' AS status FROM orders) s
            ORDER BY status
            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(output == "status\ncompleted\nnone\nrefunded\n")
    }

    @Test func collectionAggregatesAndFunctionsCompose() throws {
        let (result, output) = try run("""
            SELECT status, collect_list(order_id) AS ids, size(collect_set(category)) AS kinds, hash(status) AS h,
                   split(CAST(max(order_ts) AS STRING), ' ')[0] AS last_day
            FROM orders GROUP BY status HAVING size(collect_list(amount)) > 1 ORDER BY status
            """, format: "json")
        #expect(result.status == 0, "\(result.stderr)")
        // hash values as Spark gives them (Tests/Reference/spark_hash.py).
        #expect(output == """
            {"status":"cancelled","ids":[1004,1012],"kinds":2,"h":878233846,"last_day":"2025-01-08"}
            {"status":"completed","ids":[1001,1002,1005,1007,1008,1010,1011],"kinds":5,"h":-1444910375,"last_day":"2025-01-08"}
            {"status":"pending","ids":[1003,1009],"kinds":1,"h":-432523661,"last_day":"2025-01-06"}

            """)
    }

    @Test func syntaxErrorsAndUnknownDatasetsAreCaughtByValidate() throws {
        let (syntax, _) = try run("SELECT category FROM orders WHERE", command: "validate")
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("invalid SQL") && syntax.stderr.contains("^"))
        let (unknown, _) = try run("SELECT * FROM ordrs", command: "validate")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no dataset has that name") && unknown.stderr.contains("did you mean 'orders'?"))
    }
}
