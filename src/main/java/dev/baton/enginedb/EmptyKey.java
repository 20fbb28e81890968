package dev.baton.enginedb;

import io.camunda.zeebe.db.DbKey;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/** The empty key: as a prefix it selects a whole column family. */
enum EmptyKey implements DbKey {
  INSTANCE;

  @Override
  public void wrap(DirectBuffer buffer, int offset, int length) {}

  @Override
  public int getLength() {
    return 0;
  }

  @Override
  public int write(MutableDirectBuffer buffer, int offset) {
    return 0;
  }
}
