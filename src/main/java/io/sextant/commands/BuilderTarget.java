package io.sextant.commands;

import java.util.List;

/**
 * One kind of builder's own command lines, as Kamal splits them into {@code Kamal::Commands::Builder::Local},
 * {@code Remote}, {@code Hybrid}, {@code Cloud} and {@code Pack}; {@link BuilderCommands} picks the kind and
 * delegates. An empty list means there is nothing to run.
 */
interface BuilderTarget {
  /** The buildx builder's name, or {@code null} ({@code pack}). */
  String builderName();

  List<String> create();

  List<String> remove();

  List<String> info();

  List<String> inspectBuilder();

  /** Builds and exports the image; the buildx builders share {@link BuilderCommands#buildxPush}. */
  List<String> push(String output, boolean tagAsDirty, boolean noCache);
}
