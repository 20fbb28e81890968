package dev.baton.board;

import java.text.Normalizer;
import java.util.Locale;

/** The columns Baton understands, recognised from header text whatever their order. */
enum Column {
  ID,
  TASK,
  ASSIGNED_TO,
  PRIORITY,
  STATUS,
  CREATED,
  DATE,
  AGENT,
  NOTE,
  EXTRA;

  static Column ofQueueHeader(String header) {
    return switch (fold(header)) {
      case "id", "taskid", "tid", "ref" -> ID;
      case "task", "tasks", "description", "tache", "title", "desc" -> TASK;
      case "assignedto", "assignee", "assigned", "agent", "owner", "llm", "who" -> ASSIGNED_TO;
      case "priority", "prio", "priorite" -> PRIORITY;
      case "status", "statut", "state", "etat" -> STATUS;
      case "created", "date", "createdat", "creation", "createdon" -> CREATED;
      default -> EXTRA;
    };
  }

  static Column ofLogHeader(String header) {
    return switch (fold(header)) {
      case "date", "time", "when", "timestamp", "datetime", "completed", "completedat" -> DATE;
      case "agent", "llm", "by", "who", "author", "assignedto", "completedby" -> AGENT;
      case "task", "id", "taskid", "tache", "ref" -> TASK;
      case "status", "statut", "result", "state", "etat" -> STATUS;
      case "note", "notes", "comment", "comments", "details", "summary", "remarks" -> NOTE;
      default -> EXTRA;
    };
  }

  private static String fold(String header) {
    return Normalizer.normalize(header, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z]", "");
  }
}
