package dev.baton.enginedb;

import io.camunda.zeebe.db.ColumnFamily;
import io.camunda.zeebe.db.DbKey;
import io.camunda.zeebe.db.DbValue;
import io.camunda.zeebe.db.TransactionContext;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.DbNil;
import io.camunda.zeebe.protocol.EnumValue;
import io.camunda.zeebe.protocol.ScopedColumnFamily;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The engine's state, in memory, as one sorted map of byte keys (column family ordinal, then the
 * key) to byte values.
 *
 * <p>The committed map is a concurrent one because the engine reads and writes it from more than
 * one actor (the stream processor and its asynchronous schedule service each open their own
 * transaction context).
 */
public final class SortedMemoryDb<
        C extends Enum<? extends EnumValue> & EnumValue & ScopedColumnFamily>
    implements ZeebeDb<C> {

  private final ConcurrentSkipListMap<byte[], byte[]> committed =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final MeterRegistry meters = new SimpleMeterRegistry();

  @Override
  public <K extends DbKey, V extends DbValue> ColumnFamily<K, V> createColumnFamily(
      C columnFamily, TransactionContext context, K keyInstance, V valueInstance) {
    return new SortedColumnFamily<>(
        columnFamily, (SortedTransactionContext) context, keyInstance, valueInstance);
  }

  @Override
  public TransactionContext createContext() {
    return new SortedTransactionContext(committed);
  }

  @Override
  public boolean isEmpty(C columnFamily, TransactionContext context) {
    return createColumnFamily(columnFamily, context, EmptyKey.INSTANCE, DbNil.INSTANCE).isEmpty();
  }

  @Override
  public void createSnapshot(File snapshotDir) {
    throw new UnsupportedOperationException("the in-memory engine state takes no snapshots");
  }

  @Override
  public Optional<String> getProperty(String propertyName) {
    return Optional.empty();
  }

  @Override
  public MeterRegistry getMeterRegistry() {
    return meters;
  }

  @Override
  public void close() {
    committed.clear();
  }
}
