package io.sextant.hooks;

import io.sextant.commands.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The structured context of one hook run (B5): a JSON file, mode 0600, whose path the hook gets in
 * {@code KAMAL_HOOK_CONTEXT}; deleted when the hook ends. Secret values are redacted in it.
 */
public final class HookContextFile {
  private HookContextFile() {}

  /** The JSON document (one object, keys in a stable order). */
  public static String json(HookPoint hook, HookContext context, Instant now, UnaryOperator<String> redactor) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("hook", hook.hookName());
    doc.put("command", context.command());
    doc.put("subcommand", context.subcommand());
    doc.put("destination", context.destination());
    doc.put("service", context.service());
    doc.put("version", context.version());
    doc.put("service_version", context.serviceVersion());
    doc.put("previous_version", context.previousVersion());
    doc.put("roles", context.rolesToHosts());
    doc.put("selected_roles", context.roles());
    doc.put("hosts", context.hostsFor(hook));
    doc.put("all_hosts", context.hosts());
    Map<String, Object> lock = new LinkedHashMap<>();
    lock.put("held", context.lockHeld());
    lock.put("token", context.lockHeld() ? context.lockToken() : null);
    doc.put("lock", lock);
    doc.put("performer", context.performer());
    doc.put("recorded_at", HookEnvironment.recordedAt(now));
    doc.put("runtime", hook.receivesRuntime() && context.runtime() != null
        ? Long.valueOf(HookEnvironment.runtimeSeconds(context)) : null);
    if (hook == HookPoint.POST_DEPLOY_FAILURE) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", context.error() == null ? null : HookEnvironment.oneLine(context.error()));
      error.put("step", context.failedStep());
      error.put("hosts", context.failedHosts());
      doc.put("error", error);
    }
    if (context.release() != null) {
      HookContext.Release release = context.release();
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("command", release.command());
      step.put("role", release.role());
      step.put("host", release.host());
      step.put("timeout", release.timeoutSeconds());
      step.put("status", release.status());
      doc.put("release", step);
    }
    doc.put("dry_run", context.dryRun());
    return redactor.apply(JsonText.write(doc));
  }

  /** Writes the document to a new 0600 file in {@code directory}; the caller deletes it after the hook. */
  public static Path write(String json, Path directory) {
    try {
      Path file = Files.createTempFile(directory, "sextant-hook-", ".json",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the hook context file in " + directory + ": " + e.getMessage(), e);
    }
  }
}
