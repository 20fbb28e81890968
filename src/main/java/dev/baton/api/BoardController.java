package dev.baton.api;

import dev.baton.views.AgentInfo;
import dev.baton.views.AgentsView;
import dev.baton.views.BoardSnapshot;
import dev.baton.views.BoardView;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The board and the roster as they are now. */
@RestController
class BoardController {
  private final ObjectProvider<BoardView> board;
  private final ObjectProvider<AgentsView> agents;

  BoardController(ObjectProvider<BoardView> board, ObjectProvider<AgentsView> agents) {
    this.board = board;
    this.agents = agents;
  }

  @GetMapping("/api/board")
  BoardSnapshot board() {
    BoardView view = board.getIfAvailable();
    if (view == null) {
      throw new ViewUnavailableException("the board view");
    }
    return view.board();
  }

  @GetMapping("/api/agents")
  List<AgentInfo> agents() {
    AgentsView view = agents.getIfAvailable();
    if (view == null) {
      throw new ViewUnavailableException("the agents view");
    }
    return view.agents();
  }
}
