import Testing
@testable import Models

/// The relation algebra the models are written in, on small hand-made relations.
@Suite struct RelationTests {
    func relation(_ size: Int, _ pairs: [(Int, Int)]) -> Relation { Relation(size: size, pairs: pairs) }
    func pairs(_ r: Relation) -> [[Int]] { r.pairs.map { [$0.0, $0.1] } }

    @Test func setOperations() {
        let a = relation(4, [(0, 1), (1, 2)]), b = relation(4, [(1, 2), (2, 3)])
        #expect(pairs(a | b) == [[0, 1], [1, 2], [2, 3]])
        #expect(pairs(a & b) == [[1, 2]])
        #expect(pairs(a - b) == [[0, 1]])
        #expect(pairs(a.inverse) == [[1, 0], [2, 1]])
        #expect(a.domain.map { $0 } == [0, 1])
        #expect(a.range.map { $0 } == [1, 2])
    }

    @Test func sequenceAndClosures() {
        let r = relation(4, [(0, 1), (1, 2), (2, 3)])
        #expect(pairs(r.sequence(r)) == [[0, 2], [1, 3]])
        #expect(pairs(r.transitiveClosure) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(r.reflexiveTransitiveClosure.contains(3, 3))
        #expect(!r.transitiveClosure.contains(3, 3))
        #expect(pairs(Relation.sequence(r, r, r)) == [[0, 3]])
    }

    @Test func restrictionsAndCartesianProducts() {
        let r = relation(4, [(0, 1), (1, 2), (2, 3)])
        var odd = EventSet(size: 4)
        odd.insert(1)
        odd.insert(3)
        #expect(pairs(r.restricted(domain: odd)) == [[1, 2]])
        #expect(pairs(r.restricted(range: odd)) == [[0, 1], [2, 3]])
        #expect(Relation(cartesian: odd, odd).count == 4)
        #expect(pairs(odd.identity) == [[1, 1], [3, 3]])
        #expect(odd.complement.map { $0 } == [0, 2])
    }

    @Test func acyclicityAndWitnessCycles() {
        let chain = relation(5, [(0, 1), (1, 2), (2, 3), (3, 4)])
        #expect(chain.isAcyclic)
        #expect(chain.cycle() == nil)
        #expect(chain.isIrreflexive)
        let loop = relation(5, [(0, 1), (1, 2), (2, 3), (3, 1), (3, 4)])
        #expect(!loop.isAcyclic)
        #expect(loop.cycle().map(Set.init) == Set([1, 2, 3]))
        #expect(relation(3, [(2, 2)]).cycle() == [2])
        #expect(!relation(3, [(2, 2)]).isIrreflexive)
        #expect(Relation(size: 3).isEmpty)
    }

    @Test func largeRelationsSpanSeveralWords() {
        // 130 events: three 64-bit words per row.
        var r = Relation(size: 130)
        for e in 0 ..< 129 { r.insert(e, e + 1) }
        #expect(r.isAcyclic)
        #expect(r.transitiveClosure.contains(0, 129))
        r.insert(129, 0)
        #expect(!r.isAcyclic)
        #expect(r.cycle()?.count == 130)
        #expect(r.inverse.contains(129, 128))
    }
}
