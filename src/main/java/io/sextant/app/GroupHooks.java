package io.sextant.app;

import java.util.List;

/**
 * Called around each boot group: where the deploy flow runs {@code pre-app-boot} and {@code post-app-boot} with
 * {@code KAMAL_HOSTS} set to the group. An exception from {@link #beforeGroup} stops the boot before the group.
 */
public interface GroupHooks {
  GroupHooks NONE = new GroupHooks() {};

  default void beforeGroup(List<String> hosts) {}

  default void afterGroup(List<String> hosts) {}
}
