package dev.baton.enginedb;

import io.camunda.zeebe.db.ColumnFamily;
import io.camunda.zeebe.db.DbKey;
import io.camunda.zeebe.db.DbValue;
import io.camunda.zeebe.db.KeyValuePairVisitor;
import io.camunda.zeebe.db.ZeebeDbInconsistentException;
import io.camunda.zeebe.db.impl.ZeebeDbConstants;
import io.camunda.zeebe.protocol.ColumnFamilyScope;
import io.camunda.zeebe.protocol.EnumValue;
import io.camunda.zeebe.protocol.ScopedColumnFamily;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One column family: its keys are stored behind the family's ordinal (8 bytes, as the engine's
 * RocksDB store does), so a family, and any key prefix within it, is one contiguous range of the
 * sorted map. A prefix read stops at the first key past the prefix.
 *
 * <p>Like the engine's own column families, this one reuses its key and value instances: what a
 * read returns is valid until the next read on the same family.
 */
final class SortedColumnFamily<
        C extends Enum<? extends EnumValue> & EnumValue & ScopedColumnFamily,
        K extends DbKey,
        V extends DbValue>
    implements ColumnFamily<K, V> {

  private final C columnFamily;
  private final SortedTransactionContext context;
  private final K keyInstance;
  private final V valueInstance;
  private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer();

  SortedColumnFamily(
      C columnFamily, SortedTransactionContext context, K keyInstance, V valueInstance) {
    this.columnFamily = columnFamily;
    this.context = context;
    this.keyInstance = keyInstance;
    this.valueInstance = valueInstance;
  }

  @Override
  public void insert(K key, V value) {
    put(key, value, false, "already exists");
  }

  @Override
  public void update(K key, V value) {
    put(key, value, true, "does not exist");
  }

  @Override
  public void upsert(K key, V value) {
    byte[] k = key(key);
    byte[] v = bytes(value);
    context.run(tx -> tx.put(k, v));
  }

  @Override
  public V get(K key) {
    byte[] value = read(key);
    if (value == null) {
      return null;
    }
    valueInstance.wrap(new UnsafeBuffer(value), 0, value.length);
    return valueInstance;
  }

  @Override
  public V get(K key, Supplier<V> valueSupplier) {
    byte[] value = read(key);
    if (value == null) {
      return null;
    }
    V fresh = valueSupplier.get();
    fresh.wrap(new UnsafeBuffer(value), 0, value.length);
    return fresh;
  }

  @Override
  public void forEach(Consumer<V> consumer) {
    visit(
        EmptyKey.INSTANCE,
        null,
        (k, v) -> {
          consumer.accept(v);
          return true;
        });
  }

  @Override
  public void forEach(BiConsumer<K, V> consumer) {
    visit(EmptyKey.INSTANCE, null, always(consumer));
  }

  @Override
  public void whileTrue(K startAtKey, KeyValuePairVisitor<K, V> visitor) {
    visit(EmptyKey.INSTANCE, startAtKey, visitor);
  }

  @Override
  public void whileTrue(KeyValuePairVisitor<K, V> visitor) {
    visit(EmptyKey.INSTANCE, null, visitor);
  }

  @Override
  public void whileEqualPrefix(DbKey keyPrefix, BiConsumer<K, V> visitor) {
    visit(keyPrefix, null, always(visitor));
  }

  @Override
  public void whileEqualPrefix(DbKey keyPrefix, KeyValuePairVisitor<K, V> visitor) {
    visit(keyPrefix, null, visitor);
  }

  @Override
  public void whileEqualPrefix(DbKey keyPrefix, K startAtKey, KeyValuePairVisitor<K, V> visitor) {
    visit(keyPrefix, startAtKey, visitor);
  }

  @Override
  public void deleteExisting(K key) {
    byte[] k = key(key);
    context.run(
        tx -> {
          if (!tx.contains(k)) {
            throw inconsistent(key, "does not exist");
          }
          tx.delete(k);
        });
  }

  @Override
  public void deleteIfExists(K key) {
    byte[] k = key(key);
    context.run(tx -> tx.delete(k));
  }

  @Override
  public boolean exists(K key) {
    return read(key) != null;
  }

  @Override
  public boolean isEmpty() {
    boolean[] empty = {true};
    visitRaw(
        EmptyKey.INSTANCE,
        null,
        (k, v) -> {
          empty[0] = false;
          return false;
        });
    return empty[0];
  }

  @Override
  public long count() {
    return countEqualPrefix(EmptyKey.INSTANCE);
  }

  @Override
  public long countEqualPrefix(DbKey prefix) {
    long[] count = {0};
    visitRaw(
        prefix,
        null,
        (k, v) -> {
          count[0]++;
          return true;
        });
    return count[0];
  }

  @Override
  public ColumnFamilyScope partitionScope() {
    return columnFamily.partitionScope();
  }

  /**
   * Writes the value if the key's presence is as the engine expects, as the engine's RocksDB
   * families check it.
   */
  private void put(K key, V value, boolean mustExist, String otherwise) {
    byte[] k = key(key);
    context.run(
        tx -> {
          if (tx.contains(k) != mustExist) {
            throw inconsistent(key, otherwise);
          }
          tx.put(k, bytes(value));
        });
  }

  private ZeebeDbInconsistentException inconsistent(K key, String problem) {
    return new ZeebeDbInconsistentException(
        "Key " + key + " in ColumnFamily " + columnFamily + " " + problem);
  }

  private byte[] read(K key) {
    byte[] k = key(key);
    byte[][] value = {null};
    context.run(tx -> value[0] = tx.get(k));
    return value[0];
  }

  /**
   * Visits the keys that start with {@code prefix}, from {@code startAt} (or the prefix) on, while
   * told to.
   */
  private void visit(DbKey prefix, DbKey startAt, KeyValuePairVisitor<K, V> visitor) {
    visitRaw(
        prefix,
        startAt,
        (k, v) -> {
          keyInstance.wrap(new UnsafeBuffer(k), Long.BYTES, k.length - Long.BYTES);
          valueInstance.wrap(new UnsafeBuffer(v), 0, v.length);
          return visitor.visit(keyInstance, valueInstance);
        });
  }

  private void visitRaw(DbKey prefix, DbKey startAt, RawVisitor visitor) {
    byte[] prefixBytes = key(prefix);
    byte[] start = startAt == null ? prefixBytes : key(startAt);
    // a start before the prefix would meet a key outside it first and stop there
    byte[] from = Arrays.compareUnsigned(start, prefixBytes) < 0 ? prefixBytes : start;
    context.run(
        tx -> {
          Iterator<Map.Entry<byte[], byte[]>> entries = tx.from(from);
          while (entries.hasNext()) {
            Map.Entry<byte[], byte[]> entry = entries.next();
            if (!startsWith(entry.getKey(), prefixBytes)
                || !visitor.visit(entry.getKey(), entry.getValue())) {
              return;
            }
          }
        });
  }

  /** The stored form of a key: the family's ordinal, then the key's own bytes. */
  private byte[] key(DbKey key) {
    scratch.putLong(0, columnFamily.ordinal(), ZeebeDbConstants.ZB_DB_BYTE_ORDER);
    int length = Long.BYTES + key.getLength();
    key.write(scratch, Long.BYTES);
    return Arrays.copyOf(scratch.byteArray(), length);
  }

  private static byte[] bytes(BufferWriter value) {
    byte[] out = new byte[value.getLength()];
    value.write(new UnsafeBuffer(out), 0);
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static <K extends DbKey, V extends DbValue> KeyValuePairVisitor<K, V> always(
      BiConsumer<K, V> consumer) {
    return (k, v) -> {
      consumer.accept(k, v);
      return true;
    };
  }

  @FunctionalInterface
  private interface RawVisitor {
    boolean visit(byte[] key, byte[] value);
  }
}
