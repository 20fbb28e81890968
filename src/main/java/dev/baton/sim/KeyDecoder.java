package dev.baton.sim;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns the characters a terminal delivers into key events. A lone Escape and the start of an
 * escape sequence begin with the same byte; as terminals do, a short wait for the next byte tells
 * them apart.
 */
final class KeyDecoder {

  static final int EOF = -1;
  private static final long ESCAPE_WAIT_MS = 40;

  private final BlockingQueue<Integer> chars;

  KeyDecoder(BlockingQueue<Integer> chars) {
    this.chars = chars;
  }

  /** Whether more input has already arrived, so that the caller can wait with its redraw. */
  boolean hasMore() {
    return !chars.isEmpty();
  }

  KeyEvent next() throws InterruptedException {
    int c = chars.take();
    return switch (c) {
      case EOF -> new KeyEvent.EndOfInput();
      case '\r', '\n' -> new KeyEvent.Enter();
      case 3 -> new KeyEvent.CtrlC();
      case 21 -> new KeyEvent.CtrlU();
      case 127, 8 -> new KeyEvent.Backspace();
      case 27 -> escape();
      default -> new KeyEvent.Text(Character.toString(c));
    };
  }

  private KeyEvent escape() throws InterruptedException {
    Integer c = chars.poll(ESCAPE_WAIT_MS, TimeUnit.MILLISECONDS);
    if (c == null) {
      return new KeyEvent.Escape();
    }
    if (c != '[' && c != 'O') {
      return new KeyEvent.Ignored("\u001b" + Character.toString(c));
    }
    StringBuilder seq = new StringBuilder();
    while (true) {
      Integer d = chars.poll(ESCAPE_WAIT_MS, TimeUnit.MILLISECONDS);
      if (d == null || d == EOF) {
        return new KeyEvent.Ignored(seq.toString());
      }
      seq.appendCodePoint(d);
      if (d >= 0x40 && d <= 0x7e) {
        break;
      }
    }
    return switch (seq.toString()) {
      case "200~" -> new KeyEvent.PasteStart();
      case "201~" -> new KeyEvent.PasteEnd();
      default -> new KeyEvent.Ignored(seq.toString());
    };
  }
}
