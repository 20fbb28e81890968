package dev.baton.request;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the dependencies between the items of one request ({@code #2}) before a run starts: a
 * dependency on an item that does not exist, on the item itself, or a cycle would leave tasks
 * waiting for ever. References to board ids ({@code T-002}) name tasks outside the request and are
 * not checked here.
 */
final class DependencyCheck {
  private DependencyCheck() {}

  static void check(List<PlannedTask> tasks) {
    int n = tasks.size();
    List<List<Integer>> edges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      PlannedTask task = tasks.get(i);
      List<Integer> to = new ArrayList<>();
      for (String ref : task.after()) {
        if (!ref.startsWith("#")) {
          continue;
        }
        int target = position(ref);
        if (target < 1 || target > n) {
          throw new InvalidRequestException(
              "task #"
                  + (i + 1)
                  + " (request line "
                  + task.line()
                  + ") depends on "
                  + ref
                  + ", but the request has "
                  + (n == 1 ? "only 1 task" : n + " tasks, #1 to #" + n));
        }
        if (target == i + 1) {
          throw new InvalidRequestException(
              "task #" + (i + 1) + " (request line " + task.line() + ") depends on itself");
        }
        to.add(target - 1);
      }
      edges.add(to);
    }
    List<Integer> cycle = findCycle(edges);
    if (!cycle.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (int k = 0; k < cycle.size(); k++) {
        names.append(k == 0 ? "" : " → ").append('#').append(cycle.get(k) + 1);
      }
      throw new InvalidRequestException(
          "tasks " + names + " form a cycle: each waits for the next, so none of them could start");
    }
  }

  private static int position(String ref) {
    try {
      return Integer.parseInt(ref.substring(1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A cycle as a closed walk ({@code [1, 2, 1]}) starting at its lowest task, or empty. Iterative
   * depth-first search: a request of a thousand chained tasks must not overflow the stack.
   */
  private static List<Integer> findCycle(List<List<Integer>> edges) {
    int n = edges.size();
    int[] state = new int[n]; // 0 unseen, 1 on the current path, 2 done
    int[] parent = new int[n];
    int[] next = new int[n];
    for (int start = 0; start < n; start++) {
      if (state[start] != 0) {
        continue;
      }
      java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
      stack.push(start);
      state[start] = 1;
      parent[start] = -1;
      while (!stack.isEmpty()) {
        int v = stack.peek();
        if (next[v] < edges.get(v).size()) {
          int w = edges.get(v).get(next[v]++);
          if (state[w] == 0) {
            state[w] = 1;
            parent[w] = v;
            stack.push(w);
          } else if (state[w] == 1) {
            return closedWalk(w, v, parent);
          }
        } else {
          state[v] = 2;
          stack.pop();
        }
      }
    }
    return List.of();
  }

  /**
   * The path from {@code from} down to {@code to}, which points back at {@code from}, rotated to
   * its lowest task.
   */
  private static List<Integer> closedWalk(int from, int to, int[] parent) {
    List<Integer> path = new ArrayList<>();
    for (int v = to; v != from; v = parent[v]) {
      path.add(v);
    }
    path.add(from);
    java.util.Collections.reverse(path);
    int lowest = path.indexOf(path.stream().min(Integer::compare).orElseThrow());
    List<Integer> walk = new ArrayList<>(path.subList(lowest, path.size()));
    walk.addAll(path.subList(0, lowest));
    walk.add(walk.getFirst());
    return walk;
  }
}
