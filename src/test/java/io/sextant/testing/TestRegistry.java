package io.sextant.testing;

/** The test set's registry: {@code address} is {@code host:port}, plain HTTP, htpasswd credentials. */
public record TestRegistry(String address, String username, String password) {

  /** The full reference of {@code repository[:tag]} in this registry. */
  public String image(String repositoryAndTag) {
    return address + "/" + repositoryAndTag;
  }
}
