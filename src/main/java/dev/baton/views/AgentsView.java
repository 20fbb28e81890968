package dev.baton.views;

import java.util.List;

/**
 * The roster with its live state, read by the REST API, the terminal progress and {@code baton
 * agents}. {@link LiveViews} implements it; absent until it is wired, in which case the interfaces
 * say so instead of showing nothing.
 */
public interface AgentsView {
  List<AgentInfo> agents();
}
