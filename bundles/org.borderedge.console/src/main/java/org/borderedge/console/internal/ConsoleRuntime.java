package org.borderedge.console.internal;

/** Hands the servlets the live console; a service inside this bundle so the servlets are plain DS components. */
public interface ConsoleRuntime {

    Console console();
}
