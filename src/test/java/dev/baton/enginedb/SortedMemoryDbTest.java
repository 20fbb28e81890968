package dev.baton.enginedb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.db.ColumnFamily;
import io.camunda.zeebe.db.TransactionContext;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.ZeebeDbInconsistentException;
import io.camunda.zeebe.db.impl.DbCompositeKey;
import io.camunda.zeebe.db.impl.DbLong;
import io.camunda.zeebe.process.test.engine.db.InMemoryDbFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SortedMemoryDbTest {

  /** A column family keyed by (group, item) with a long value, as the engine's own families are. */
  private static final class Family {
    final DbLong group = new DbLong();
    final DbLong item = new DbLong();
    final DbCompositeKey<DbLong, DbLong> key = new DbCompositeKey<>(group, item);
    final DbLong value = new DbLong();
    final ColumnFamily<DbCompositeKey<DbLong, DbLong>, DbLong> column;
    final DbLong prefix = new DbLong();

    Family(ZeebeDb<ZbColumnFamilies> db, ZbColumnFamilies name, TransactionContext context) {
      column = db.createColumnFamily(name, context, key, value);
    }

    DbCompositeKey<DbLong, DbLong> at(long g, long i) {
      group.wrapLong(g);
      item.wrapLong(i);
      return key;
    }

    DbLong of(long v) {
      value.wrapLong(v);
      return value;
    }

    void put(long g, long i, long v) {
      column.upsert(at(g, i), of(v));
    }

    Long get(long g, long i) {
      DbLong found = column.get(at(g, i));
      return found == null ? null : found.getValue();
    }

    /** "group/item=value" for each entry of the group, in the order the store visits them. */
    List<String> group(long g) {
      List<String> seen = new ArrayList<>();
      prefix.wrapLong(g);
      column.whileEqualPrefix(
          prefix,
          (k, v) -> {
            seen.add(k.first().getValue() + "/" + k.second().getValue() + "=" + v.getValue());
          });
      return seen;
    }

    List<String> all() {
      List<String> seen = new ArrayList<>();
      column.forEach(
          (k, v) -> {
            seen.add(k.first().getValue() + "/" + k.second().getValue() + "=" + v.getValue());
          });
      return seen;
    }
  }

  private final SortedMemoryDb<ZbColumnFamilies> db = new SortedMemoryDb<>();
  private final TransactionContext context = db.createContext();
  private final Family jobs = new Family(db, ZbColumnFamilies.JOBS, context);
  private final Family timers = new Family(db, ZbColumnFamilies.TIMERS, context);

  @Test
  void aPrefixReadReturnsItsKeysInOrderAndNothingFromTheNextPrefixOrFamily() {
    jobs.put(2, 5, 25);
    jobs.put(1, 9, 19);
    jobs.put(1, 1, 11);
    jobs.put(3, 1, 31);
    timers.put(1, 2, 99);

    assertThat(jobs.group(1)).containsExactly("1/1=11", "1/9=19");
    assertThat(jobs.group(2)).containsExactly("2/5=25");
    assertThat(jobs.group(4)).isEmpty();
    assertThat(jobs.all()).containsExactly("1/1=11", "1/9=19", "2/5=25", "3/1=31");
    assertThat(timers.all()).containsExactly("1/2=99");
    assertThat(jobs.column.count()).isEqualTo(4);
    jobs.prefix.wrapLong(1);
    assertThat(jobs.column.countEqualPrefix(jobs.prefix)).isEqualTo(2);
  }

  @Test
  void aVisitorThatSaysStopEndsTheRead() {
    for (int i = 1; i <= 5; i++) {
      jobs.put(1, i, i);
    }
    List<Long> seen = new ArrayList<>();
    jobs.column.whileTrue(
        (k, v) -> {
          seen.add(v.getValue());
          return v.getValue() < 3;
        });
    assertThat(seen).containsExactly(1L, 2L, 3L);
  }

  @Test
  void aReadMayStartInsideThePrefix() {
    for (int i = 1; i <= 5; i++) {
      jobs.put(7, i, i);
    }
    jobs.put(8, 1, 81);
    List<Long> seen = new ArrayList<>();
    jobs.prefix.wrapLong(7);
    jobs.column.whileEqualPrefix(
        jobs.prefix,
        jobs.at(7, 3),
        (k, v) -> {
          seen.add(v.getValue());
          return true;
        });
    assertThat(seen).containsExactly(3L, 4L, 5L);
  }

  @Test
  void insertUpdateAndDeleteExistingCheckWhatIsThere() {
    jobs.column.insert(jobs.at(1, 1), jobs.of(1));
    assertThatThrownBy(() -> jobs.column.insert(jobs.at(1, 1), jobs.of(2)))
        .isInstanceOf(ZeebeDbInconsistentException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> jobs.column.update(jobs.at(1, 2), jobs.of(2)))
        .isInstanceOf(ZeebeDbInconsistentException.class)
        .hasMessageContaining("does not exist");
    jobs.column.update(jobs.at(1, 1), jobs.of(3));
    assertThat(jobs.get(1, 1)).isEqualTo(3L);
    jobs.column.deleteExisting(jobs.at(1, 1));
    assertThat(jobs.column.exists(jobs.at(1, 1))).isFalse();
    assertThatThrownBy(() -> jobs.column.deleteExisting(jobs.at(1, 1)))
        .isInstanceOf(ZeebeDbInconsistentException.class);
    jobs.column.deleteIfExists(jobs.at(1, 1));
    assertThat(jobs.column.isEmpty()).isTrue();
    assertThat(db.isEmpty(ZbColumnFamilies.JOBS, context)).isTrue();
  }

  @Test
  void aTransactionSeesItsOwnWritesAndOthersSeeThemOnlyAfterCommit() throws Exception {
    TransactionContext other = db.createContext();
    Family seenByOther = new Family(db, ZbColumnFamilies.JOBS, other);
    jobs.put(1, 1, 1);

    var tx = context.getCurrentTransaction();
    jobs.put(1, 2, 2);
    jobs.column.deleteExisting(jobs.at(1, 1));
    assertThat(jobs.group(1)).containsExactly("1/2=2");
    assertThat(seenByOther.group(1)).containsExactly("1/1=1");

    tx.commit();
    assertThat(seenByOther.group(1)).containsExactly("1/2=2");
  }

  @Test
  void aRollbackLeavesTheCommittedStateAsItWas() throws Exception {
    jobs.put(1, 1, 1);
    var tx = context.getCurrentTransaction();
    jobs.put(1, 1, 100);
    jobs.put(1, 2, 2);
    tx.rollback();
    assertThat(jobs.group(1)).containsExactly("1/1=1");
  }

  @Test
  void writesMadeWhileReadingDoNotDisturbTheRead() throws Exception {
    for (int i = 1; i <= 4; i++) {
      jobs.put(1, i, i);
    }
    var tx = context.getCurrentTransaction();
    Family writer = new Family(db, ZbColumnFamilies.JOBS, context);
    List<Long> seen = new ArrayList<>();
    jobs.prefix.wrapLong(1);
    jobs.column.whileEqualPrefix(
        jobs.prefix,
        (k, v) -> {
          seen.add(k.second().getValue());
          long item = k.second().getValue();
          writer.column.deleteExisting(writer.at(1, item));
          writer.put(1, item + 10, item);
        });
    tx.commit();
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
    assertThat(jobs.group(1)).containsExactly("1/11=1", "1/12=2", "1/13=3", "1/14=4");
  }

  @Test
  void aFailedOperationOutsideATransactionIsRolledBack() {
    jobs.put(1, 1, 1);
    assertThatThrownBy(
            () ->
                context.runInTransaction(
                    () -> {
                      jobs.put(1, 2, 2);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(jobs.group(1)).containsExactly("1/1=1");
  }

  /** One step of a random history: put, delete, commit, roll back, or read a group. */
  record Step(int kind, long group, long item, long value) {}

  @Property(tries = 200)
  void behavesLikeTheStoreZeebeProcessTestShipsWith(@ForAll("histories") List<Step> history)
      throws Exception {
    assertThat(replay(history, () -> new SortedMemoryDb<>()))
        .isEqualTo(replay(history, () -> new InMemoryDbFactory<ZbColumnFamilies>().createDb()));
  }

  /** What a history's reads returned, and the whole family at the end. */
  private static List<List<String>> replay(
      List<Step> history, Supplier<ZeebeDb<ZbColumnFamilies>> store) throws Exception {
    ZeebeDb<ZbColumnFamilies> db = store.get();
    TransactionContext context = db.createContext();
    Family family = new Family(db, ZbColumnFamilies.JOBS, context);
    List<List<String>> reads = new ArrayList<>();
    for (Step step : history) {
      switch (step.kind()) {
        case 0, 1, 2 -> family.put(step.group(), step.item(), step.value());
        case 3 -> family.column.deleteIfExists(family.at(step.group(), step.item()));
        case 4 -> context.getCurrentTransaction().commit();
        case 5 -> context.getCurrentTransaction().rollback();
        default -> reads.add(family.group(step.group()));
      }
    }
    context.getCurrentTransaction().commit();
    reads.add(family.all());
    return reads;
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6),
            Arbitraries.longs().between(0, 4),
            Arbitraries.longs().between(-3, 3),
            Arbitraries.longs().between(0, 1000))
        .as(Step::new)
        .list()
        .ofMaxSize(60);
  }
}
