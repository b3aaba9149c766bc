package io.sextant.app;

import io.sextant.build.BuildException;
import java.util.List;

/** Pulling the app image failed on one or more hosts; the message has one line per failed host. */
public class ImagePullException extends BuildException {
  private final List<String> failedHosts;

  public ImagePullException(String message, List<String> failedHosts) {
    super(message);
    this.failedHosts = List.copyOf(failedHosts);
  }

  /** The hosts where the pull failed, in host order ({@code KAMAL_FAILED_HOSTS}). */
  public List<String> failedHosts() {
    return failedHosts;
  }
}
