package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The switch and drain: once a replaced group is drained, no request uses it any more. */
class ServiceTest {
  private final Executor executor = Executors.newCachedThreadPool();

  private Service service(TargetGroup group) throws Exception {
    DeployOptions options = DeployOptions.from(Cli.parse(List.of("deploy", "s", "--target=a:80")));
    return new Service("s", options, List.of(), group);
  }

  @Test
  void noRequestEntersAGroupAfterItWasReplacedAndDrained() throws Exception {
    TargetGroup first = new TargetGroup(List.of("a:80"), executor);
    Service service = service(first);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean firstRetired = new AtomicBoolean();
    AtomicInteger lateUses = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread client = new Thread(() -> {
        while (!stop.get()) {
          TargetGroup group = service.enter();
          if (group == first && firstRetired.get()) {
            lateUses.incrementAndGet();
          }
          Thread.onSpinWait();
          group.leave();
          requests.incrementAndGet();
        }
      });
      clients.add(client);
      client.start();
    }
    Thread.sleep(50);
    TargetGroup old = service.replace(service.options(), List.of(), new TargetGroup(List.of("b:80"), executor));
    assertThat(old).isSameAs(first);
    assertThat(old.drain(Duration.ofSeconds(10))).isTrue();
    firstRetired.set(true);
    Thread.sleep(50);
    stop.set(true);
    for (Thread client : clients) {
      client.join();
    }
    assertThat(requests.get()).isPositive();
    assertThat(lateUses.get()).isZero();
    assertThat(first.inflight()).isZero();
  }

  @Test
  void drainWaitsForInflightRequestsUpToItsTimeout() throws Exception {
    TargetGroup group = new TargetGroup(List.of("a:80"), executor);
    group.enter();
    long started = System.nanoTime();
    assertThat(group.drain(Duration.ofMillis(200))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    inAMoment(group::leave);
    assertThat(group.drain(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void maintenanceAndPause() throws Exception {
    Service service = service(new TargetGroup(List.of("a:80"), executor));
    assertThat(service.admit()).isEqualTo(Service.Admission.PROCEED);
    service.stop("Back at 5");
    assertThat(service.admit()).isEqualTo(Service.Admission.STOPPED);
    assertThat(service.stopMessage()).isEqualTo("Back at 5");
    service.resume();
    assertThat(service.admit()).isEqualTo(Service.Admission.PROCEED);
    service.pause(Duration.ofMillis(100));
    assertThat(service.admit()).isEqualTo(Service.Admission.TIMED_OUT);
    service.pause(Duration.ofSeconds(10));
    inAMoment(service::resume);
    assertThat(service.admit()).isEqualTo(Service.Admission.PROCEED);
  }

  /** Runs {@code action} 100 ms from now on another thread. */
  private static void inAMoment(Runnable action) {
    new Thread(() -> {
      try {
        Thread.sleep(100);
        action.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).start();
  }
}
