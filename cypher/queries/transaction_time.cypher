// The database's clock for this transaction: when its writes are recorded.
RETURN datetime.transaction() AS now
