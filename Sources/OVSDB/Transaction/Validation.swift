extension DatabaseSchema {
    /// Checks every operation against the schema before anything is sent, so a wrong table,
    /// column or type fails here with a message that names them, not as a server error.
    public func validate(_ transaction: Transaction) throws(OVSDBError) -> [Operation] {
        var out: [Operation] = []
        out.reserveCapacity(transaction.operations.count)
        for op in transaction.operations { out.append(try validate(op)) }
        return out
    }

    func validate(_ op: Operation) throws(OVSDBError) -> Operation {
        switch op {
        case .insert(let table, let row, let name, let uuid):
            let t = try self.table(table)
            return .insert(table: table, row: try t.validate(row: row, forUpdate: false), uuidName: name, uuid: uuid)
        case .select(let table, let w, let columns):
            let t = try self.table(table)
            for c in columns ?? [] { _ = try t.column(c) }
            return .select(table: table, where: try t.validate(w), columns: columns)
        case .update(let table, let w, let row):
            let t = try self.table(table)
            return .update(table: table, where: try t.validate(w), row: try t.validate(row: row, forUpdate: true))
        case .mutate(let table, let w, let mutations):
            let t = try self.table(table)
            for m in mutations { try t.validate(m) }
            return .mutate(table: table, where: try t.validate(w), mutations: mutations)
        case .delete(let table, let w):
            let t = try self.table(table)
            return .delete(table: table, where: try t.validate(w))
        case .wait(let table, let w, let columns, let until, let rows, let timeout):
            let t = try self.table(table)
            guard until == .equal || until == .notEqual else {
                throw .schemaViolation(table: table, column: nil, reason: "wait until must be == or !=")
            }
            for c in columns { _ = try t.column(c) }
            return .wait(table: table, where: try t.validate(w), columns: columns, until: until,
                         rows: try rows.map { r throws(OVSDBError) in try t.validate(row: r, forUpdate: false) }, timeout: timeout)
        case .commit, .abort, .comment, .assert:
            return op
        }
    }
}

extension TableSchema {
    func validate(row: [String: OVSDBValue], forUpdate: Bool) throws(OVSDBError) -> [String: OVSDBValue] {
        var out: [String: OVSDBValue] = [:]
        out.reserveCapacity(row.count)
        for (name, value) in row {
            guard let column = columns[name] else {
                throw .schemaViolation(table: self.name, column: name, reason: "no such column")
            }
            if forUpdate, !column.isMutable {
                throw .schemaViolation(table: self.name, column: name, reason: "column is immutable and cannot be updated")
            }
            out[name] = try column.type.validate(value, table: self.name, column: name)
        }
        return out
    }

    func validate(_ conditions: [Condition]) throws(OVSDBError) -> [Condition] {
        for c in conditions {
            let column = try self.column(c.column)
            let type = column.type
            switch c.function {
            case .lessThan, .lessOrEqual, .greaterThan, .greaterOrEqual:
                guard type.isScalar || type.isOptional, type.key.atomicType == .integer || type.key.atomicType == .real else {
                    throw .schemaViolation(table: name, column: c.column,
                                           reason: "\(c.function.rawValue) needs an integer or real column, this is \(type.display)")
                }
            default: break
            }
            try checkAtomTypes(c.value, type: type, column: c.column)
        }
        return conditions
    }

    func validate(_ m: Mutation) throws(OVSDBError) {
        let column = try self.column(m.column)
        let type = column.type
        guard column.isMutable, m.column != "_uuid", m.column != "_version" else {
            throw .schemaViolation(table: name, column: m.column, reason: "column is immutable and cannot be mutated")
        }
        switch m.mutator {
        case .insert, .delete:
            guard !type.isScalar else {
                throw .schemaViolation(table: name, column: m.column,
                                       reason: "\(m.mutator.rawValue) needs a set or map column, this is \(type.display)")
            }
        default:
            guard !type.isMap, type.key.atomicType == .integer || type.key.atomicType == .real else {
                throw .schemaViolation(table: name, column: m.column,
                                       reason: "\(m.mutator.rawValue) needs integer or real values, this is \(type.display)")
            }
        }
        // Deleting from a map takes either a map (pairs) or a set (keys).
        if m.mutator == .delete, type.isMap, case .set = m.value {
            try checkAtomTypes(m.value, type: ColumnType(key: type.key, min: 0, max: .max), column: m.column)
        } else {
            try checkAtomTypes(m.value, type: type, column: m.column)
        }
    }

    /// Condition and mutation values may have any number of elements, but their atoms must fit.
    private func checkAtomTypes(_ value: OVSDBValue, type: ColumnType, column: String) throws(OVSDBError) {
        switch value {
        case .map(let m):
            guard let valueType = type.value else {
                throw .schemaViolation(table: name, column: column, reason: "expected \(type.display), got a map")
            }
            for (k, v) in m {
                if let why = type.key.violation(k) { throw .schemaViolation(table: name, column: column, reason: "key: \(why)") }
                if let why = valueType.violation(v) { throw .schemaViolation(table: name, column: column, reason: "value: \(why)") }
            }
        case .atom, .set:
            for atom in value.atoms {
                if case .namedUUID = atom, type.key.atomicType == .uuid { continue }
                if let why = type.key.violation(atom) { throw .schemaViolation(table: name, column: column, reason: why) }
            }
        }
    }
}
