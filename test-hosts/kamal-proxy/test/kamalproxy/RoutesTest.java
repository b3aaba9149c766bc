package kamalproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Host and path-prefix routing as kamal-proxy's service_map.go: exact host, wildcard, default; longest prefix. */
class RoutesTest {
  private final List<Service> services = new ArrayList<>();

  private Service service(String... argv) throws Exception {
    DeployOptions options = DeployOptions.from(Cli.parse(List.of(argv)));
    Service service = new Service(options.service(), options, List.of(argv),
        new TargetGroup(options.targets(), Executors.newSingleThreadExecutor()));
    services.add(service);
    return service;
  }

  private String route(String host, String path) {
    Routes.Match match = Routes.of(services).find(host, path);
    return match == null ? null : match.service().name() + " " + match.prefix();
  }

  @Test
  void exactHostThenWildcardThenDefault() throws Exception {
    service("deploy", "default", "--target=d:80");
    service("deploy", "exact", "--target=e:80", "--host=app.example.com");
    service("deploy", "wild", "--target=w:80", "--host=*.example.com");
    assertThat(route("app.example.com", "/")).isEqualTo("exact /");
    assertThat(route("app.example.com:80", "/x")).isEqualTo("exact /");
    assertThat(route("other.example.com", "/")).isEqualTo("wild /");
    assertThat(route("a.b.example.com", "/")).isEqualTo("default /");
    assertThat(route("10.213.1.11", "/")).isEqualTo("default /");
  }

  @Test
  void noDefaultServiceMeansNoRoute() throws Exception {
    service("deploy", "exact", "--target=e:80", "--host=app.example.com");
    assertThat(route("elsewhere.com", "/")).isNull();
  }

  @Test
  void longestWholeSegmentPrefixWins() throws Exception {
    service("deploy", "root", "--target=r:80");
    service("deploy", "api", "--target=a:80", "--path-prefix=/api");
    service("deploy", "v2", "--target=v:80", "--path-prefix=/api/v2");
    assertThat(route("h", "/api")).isEqualTo("api /api");
    assertThat(route("h", "/api/users")).isEqualTo("api /api");
    assertThat(route("h", "/api/v2/x")).isEqualTo("v2 /api/v2");
    assertThat(route("h", "/apix")).isEqualTo("root /");
  }

  @Test
  void anExactHostWithoutAMatchingPrefixDoesNotFallBack() throws Exception {
    service("deploy", "root", "--target=r:80");
    service("deploy", "api", "--target=a:80", "--host=h.com", "--path-prefix=/api");
    assertThat(route("h.com", "/other")).isNull();
  }

  @Test
  void findsConflictsWithOtherServicesOnly() throws Exception {
    service("deploy", "one", "--target=r:80", "--host=a.com,b.com");
    Routes routes = Routes.of(services);
    DeployOptions same = DeployOptions.from(Cli.parse(List.of("deploy", "one", "--target=x:80", "--host=a.com")));
    DeployOptions other = DeployOptions.from(Cli.parse(List.of("deploy", "two", "--target=x:80", "--host=b.com")));
    DeployOptions otherPath = DeployOptions.from(
        Cli.parse(List.of("deploy", "two", "--target=x:80", "--host=b.com", "--path-prefix=/api")));
    assertThat(routes.conflict("one", same)).isNull();
    assertThat(routes.conflict("two", other).name()).isEqualTo("one");
    assertThat(routes.conflict("two", otherPath)).isNull();
  }
}
