package io.sextant.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sextant.SextantException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each adapter against Kamal 2.12's own adapter tests (test/secrets/*_adapter_test.rb at v2.12.0, lines cited): the
 * vendor CLI command lines expected there, word for word, answered with the vendor output given there (shortened to
 * the fields the adapter reads), and the results and error messages expected there.
 */
class SecretsAdaptersTest {
  private static Map<String, String> fetch(String adapter, StubVendorCli cli, String account, String from,
      String... secrets) {
    return SecretsAdapters.lookup(adapter, cli, name -> null).fetch(List.of(secrets), account, from);
  }

  // one_password_adapter_test.rb L4-57 "fetch"
  @Test
  void onePasswordFetchesFieldsOfOneItemWithOneOpItemGet() {
    StubVendorCli cli = new StubVendorCli().ok("op --version 2> /dev/null")
        .ok("op account get --account myaccount 2> /dev/null")
        .ok("op item get myitem --vault \"myvault\" --format \"json\" --account \"myaccount\" --fields "
            + "\"label=section.SECRET1,label=section.SECRET2,label=section2.SECRET3\"", """
            [{"label": "SECRET1", "value": "VALUE1", "reference": "op://myvault/myitem/section/SECRET1"},
             {"label": "SECRET2", "value": "VALUE2", "reference": "op://myvault/myitem/section/SECRET2"},
             {"label": "SECRET3", "value": "VALUE3", "reference": "op://myvault/myitem/section2/SECRET3"}]
            """);

    assertThat(fetch("1password", cli, "myaccount", "op://myvault/myitem", "section/SECRET1", "section/SECRET2",
        "section2/SECRET3")).containsExactly(Map.entry("myvault/myitem/section/SECRET1", "VALUE1"),
            Map.entry("myvault/myitem/section/SECRET2", "VALUE2"),
            Map.entry("myvault/myitem/section2/SECRET3", "VALUE3"));
  }

  // one_password_adapter_test.rb L195-212 "fetch with signin and session"
  @Test
  void onePasswordSignsInWhenTheAccountIsNotSignedInAndPassesTheSession() {
    StubVendorCli cli = new StubVendorCli().ok("op --version 2> /dev/null")
        .fails("op account get --account myaccount 2> /dev/null")
        .ok("op signin --account \"myaccount\" --force --raw", "1234567890")
        .ok("op item get myitem --vault \"myvault\" --format \"json\" --account \"myaccount\" --session "
            + "\"1234567890\" --fields \"label=section.SECRET1\"",
            "{\"label\": \"SECRET1\", \"value\": \"VALUE1\", \"reference\": \"op://myvault/myitem/section/SECRET1\"}");

    assertThat(fetch("OnePassword", cli, "myaccount", "op://myvault/myitem", "section/SECRET1"))
        .containsExactly(Map.entry("myvault/myitem/section/SECRET1", "VALUE1"));
  }

  // one_password_adapter_test.rb L214-221 "fetch without CLI installed"
  @Test
  void onePasswordWithoutItsCliSaysSo() {
    StubVendorCli cli = new StubVendorCli().fails("op --version 2> /dev/null");

    assertThatThrownBy(() -> fetch("1password", cli, "myaccount", null, "item"))
        .isInstanceOf(VaultException.class).hasMessage("1Password CLI is not installed");
  }

  // bitwarden_adapter_test.rb L157-182 "fetch locked with session"
  @Test
  void bitwardenUnlocksALockedVaultAndUsesTheSessionForSyncAndGet() {
    String status = "{\"userEmail\":\"email@example.com\",\"status\":\"%s\"}";
    StubVendorCli cli = new StubVendorCli().ok("bw --version 2> /dev/null")
        .ok("bw status", status.formatted("locked"))
        .ok("bw unlock --raw", "0987654321")
        .ok("BW_SESSION=0987654321 bw status", status.formatted("unlocked"))
        .ok("BW_SESSION=0987654321 bw sync")
        .ok("BW_SESSION=0987654321 bw get item mypassword",
            "{\"object\":\"item\",\"type\":1,\"name\":\"mypassword\",\"login\":{\"password\":\"secret123\"}}");

    assertThat(fetch("bitwarden", cli, "email@example.com", null, "mypassword"))
        .containsExactly(Map.entry("mypassword", "secret123"));
  }

  // bitwarden_adapter_test.rb L31-45 "fetch with from": fields of an item, keyed item/field
  @Test
  void bitwardenReadsNamedFieldsOfAnItem() {
    StubVendorCli cli = new StubVendorCli().ok("bw --version 2> /dev/null")
        .ok("bw status", "{\"status\":\"unlocked\"}").ok("bw sync")
        .ok("bw get item myitem", """
            {"name":"myitem","fields":[{"name":"field1","value":"secret1"},{"name":"field2","value":"blam"},
             {"name":"field3","value":"fewgrwjgk"}],"login":{"password":null}}""");

    assertThat(fetch("bitwarden", cli, "email@example.com", "myitem", "field1", "field2", "field3"))
        .containsExactly(Map.entry("myitem/field1", "secret1"), Map.entry("myitem/field2", "blam"),
            Map.entry("myitem/field3", "fewgrwjgk"));
  }

  // bitwarden_secrets_manager_adapter_test.rb L14-40 "fetch all"
  @Test
  void bitwardenSecretsManagerListsAllSecrets() {
    StubVendorCli cli = new StubVendorCli().ok("bws --version 2> /dev/null").ok("bws project list", "OK")
        .ok("bws secret list", """
            [{"key": "KAMAL_REGISTRY_PASSWORD", "value": "some_password"},
             {"key": "MY_OTHER_SECRET", "value": "my=wierd\\"secret"}]""");

    assertThat(fetch("bitwarden-sm", cli, null, null, "all")).containsExactly(
        Map.entry("KAMAL_REGISTRY_PASSWORD", "some_password"), Map.entry("MY_OTHER_SECRET", "my=wierd\"secret"));
  }

  // bitwarden_secrets_manager_adapter_test.rb L162-170 "fetch with no access token"
  @Test
  void bitwardenSecretsManagerWithoutAnAccessTokenSaysSo() {
    StubVendorCli cli = new StubVendorCli().ok("bws --version 2> /dev/null").fails("bws project list");

    assertThatThrownBy(() -> fetch("bitwarden_secrets_manager", cli, null, null, "all"))
        .hasMessage("Could not authenticate to Bitwarden Secrets Manager. Did you set a valid access token?");
  }

  // last_pass_adapter_test.rb L8-64 "fetch"
  @Test
  void lastPassShowsAllSecretsInOneCall() {
    StubVendorCli cli = new StubVendorCli().ok("lpass --version 2> /dev/null")
        .ok("lpass status --color never", "Logged in as email@example.com.")
        .ok("lpass show SECRET1 FOLDER1/FSECRET1 FOLDER1/FSECRET2 --json", """
            [{"fullname": "SECRET1", "password": "secret1"},
             {"fullname": "FOLDER1/FSECRET1", "password": "fsecret1"},
             {"fullname": "FOLDER1/FSECRET2", "password": "fsecret2"}]""");

    assertThat(fetch("lastpass", cli, "email@example.com", null, "SECRET1", "FOLDER1/FSECRET1", "FOLDER1/FSECRET2"))
        .containsExactly(Map.entry("SECRET1", "secret1"), Map.entry("FOLDER1/FSECRET1", "fsecret1"),
            Map.entry("FOLDER1/FSECRET2", "fsecret2"));
  }

  // aws_secrets_manager_adapter_test.rb L33-74 "fetch" and L76-116 "fetch with string value"
  @Test
  void awsSplitsJsonObjectSecretsIntoKeysAndKeepsOthersWhole() {
    StubVendorCli cli = new StubVendorCli().ok("aws --version 2> /dev/null")
        .ok("aws secretsmanager batch-get-secret-value --secret-id-list secret secret2 --profile default "
            + "--output json", """
            {"SecretValues": [
              {"Name": "secret", "SecretString": "{\\"KAMAL_REGISTRY_PASSWORD\\":\\"secret123\\"}"},
              {"Name": "secret2", "SecretString": "a-string-secret"}],
             "Errors": []}""");

    assertThat(fetch("aws_secrets_manager", cli, "default", null, "secret", "secret2")).containsExactly(
        Map.entry("secret/KAMAL_REGISTRY_PASSWORD", "secret123"), Map.entry("secret2", "a-string-secret"));
  }

  // aws_secrets_manager_adapter_test.rb L4-31 "fails when errors are present"
  @Test
  void awsJoinsTheErrorsOfTheBatch() {
    StubVendorCli cli = new StubVendorCli().ok("aws --version 2> /dev/null")
        .ok("aws secretsmanager batch-get-secret-value --secret-id-list unknown1 unknown2 --profile default "
            + "--output json", """
            {"SecretValues": [], "Errors": [
              {"SecretId": "unknown1", "Message": "Secrets Manager can't find the specified secret."},
              {"SecretId": "unknown2", "Message": "Secrets Manager can't find the specified secret."}]}""");

    assertThatThrownBy(() -> fetch("aws_secrets_manager", cli, "default", null, "unknown1", "unknown2"))
        .hasMessage("unknown1: Secrets Manager can't find the specified secret. "
            + "unknown2: Secrets Manager can't find the specified secret.");
  }

  // aws_secrets_manager_adapter_test.rb L262-275 "fetch without account option omits --profile"
  @Test
  void awsWithoutAccountOmitsTheProfile() {
    StubVendorCli cli = new StubVendorCli().ok("aws --version 2> /dev/null")
        .ok("aws secretsmanager batch-get-secret-value --secret-id-list secret --output json",
            "{\"SecretValues\": [{\"Name\": \"secret\", \"SecretString\": \"8080\"}]}");

    assertThat(fetch("aws_secrets_manager", cli, null, null, "secret")).containsExactly(Map.entry("secret", "8080"));
  }

  // doppler_adapter_test.rb L8-45 "fetch"
  @Test
  void dopplerTakesProjectAndConfigFromFrom() {
    StubVendorCli cli = new StubVendorCli().ok("doppler --version 2> /dev/null").ok("doppler me --json 2> /dev/null")
        .ok("doppler secrets get SECRET1 FSECRET1 FSECRET2 --json -p my-project -c prd", """
            {"SECRET1": {"computed":"secret1"}, "FSECRET1": {"computed":"fsecret1"},
             "FSECRET2": {"computed":"fsecret2"}}""");

    assertThat(fetch("doppler", cli, null, "my-project/prd", "SECRET1", "FSECRET1", "FSECRET2")).containsExactly(
        Map.entry("SECRET1", "secret1"), Map.entry("FSECRET1", "fsecret1"), Map.entry("FSECRET2", "fsecret2"));
  }

  // doppler_adapter_test.rb L47-88 "fetch having DOPPLER_TOKEN": no -p/-c, Kamal's trailing space kept
  @Test
  void dopplerWithAServiceTokenNeedsNoProject() {
    StubVendorCli cli = new StubVendorCli().ok("doppler --version 2> /dev/null").ok("doppler me --json 2> /dev/null")
        .ok("doppler secrets get SECRET1 --json ", "{\"SECRET1\": {\"computed\":\"secret1\"}}");

    assertThat(SecretsAdapters.lookup("doppler", cli, name -> "dp.st.xxxxxxxxxxxxxxxxxxxxxx")
        .fetch(List.of("SECRET1"), null, null)).containsExactly(Map.entry("SECRET1", "secret1"));
  }

  // doppler_adapter_test.rb L129-138 "fetch without --from"
  @Test
  void dopplerWithoutProjectAndConfigSaysWhatIsMissing() {
    StubVendorCli cli = new StubVendorCli().ok("doppler --version 2> /dev/null").ok("doppler me --json 2> /dev/null");

    assertThatThrownBy(() -> fetch("doppler", cli, null, null, "FSECRET1"))
        .hasMessage("Missing project or config from '--from=project/config' option");
  }

  // gcp_secret_manager_adapter_test.rb L4-14 "fetch" with the stubs of L143-200
  @Test
  void gcpDecodesThePayloadOfTheLatestVersionInTheDefaultProject() {
    StubVendorCli cli = new StubVendorCli().ok("gcloud --version 2> /dev/null")
        .ok("gcloud auth list --format=json", "[{\"account\": \"email@example.com\", \"status\": \"ACTIVE\"}]")
        .ok("gcloud secrets versions access latest --secret=mypassword --format=json",
            "{\"name\": \"projects/000000000/secrets/mypassword/versions/1\", \"payload\": {\"data\": "
                + "\"c2VjcmV0MTIz\", \"dataCrc32c\": \"2522602764\"}}");

    assertThat(fetch("gcp", cli, "default", null, "mypassword"))
        .containsExactly(Map.entry("default/mypassword", "secret123"));
  }

  // gcp_secret_manager_adapter_test.rb L117-129 "fetch with non-default account and service account impersonation"
  @Test
  void gcpPassesProjectAccountAndImpersonation() {
    StubVendorCli cli = new StubVendorCli().ok("gcloud --version 2> /dev/null")
        .ok("gcloud auth list --format=json", "[{\"account\": \"email@example.com\"}]")
        .ok("gcloud secrets versions access 123 --secret=item1 --project=some-project --account=email@example.com "
            + "--impersonate-service-account=service-user@example.com --format=json",
            "{\"payload\": {\"data\": \"c2VjcmV0MQ==\"}}");

    assertThat(fetch("gcp", cli, "email@example.com|service-user@example.com", "some-project", "item1/123"))
        .containsExactly(Map.entry("some-project/item1", "secret1"));
  }

  // enpass_adapter_test.rb L14-28 "fetch one item"
  @Test
  void enpassShowsTheItemAndKeepsTheRequestedLabel() {
    StubVendorCli cli = new StubVendorCli().ok("enpass-cli version 2> /dev/null")
        .ok("enpass-cli -json -vault vault-path show FooBar", """
            [{"category":"computer","label":"SECRET_1","login":"","password":"my-password-1","title":"FooBar",
              "type":"password"},
             {"category":"computer","label":"SECRET_2","login":"","password":"my-password-2","title":"FooBar",
              "type":"password"}]""");

    assertThat(fetch("enpass", cli, null, "vault-path", "FooBar/SECRET_1"))
        .containsExactly(Map.entry("FooBar/SECRET_1", "my-password-1"));
  }

  // passbolt_adapter_test.rb L8-63 "fetch": root-level names, Kamal's two spaces before --column kept
  @Test
  void passboltListsRootResourcesByName() {
    StubVendorCli cli = new StubVendorCli().ok("passbolt --version 2> /dev/null").ok("passbolt verify")
        .ok("passbolt list resources --filter 'Name == \"SECRET1\" || Name == \"FSECRET1\" || Name == \"FSECRET2\"'"
            + "  --column name --column password --json", """
            [{"name": "FSECRET1", "password": "fsecret1"}, {"name": "FSECRET2", "password": "fsecret2"},
             {"name": "SECRET1", "password": "secret1"}]""");

    assertThat(fetch("passbolt", cli, null, null, "SECRET1", "FSECRET1", "FSECRET2")).containsOnly(
        Map.entry("SECRET1", "secret1"), Map.entry("FSECRET1", "fsecret1"), Map.entry("FSECRET2", "fsecret2"));
  }

  // passbolt_adapter_test.rb L285-368 "fetch from nested folder"
  @Test
  void passboltFindsNestedFoldersByParentId() {
    String parent = "dcbe0e39-42d8-42db-9637-8256b9f2f8e3";
    String child = "6a3f21fc-aa40-4ba9-852c-7477fdd0310d";
    StubVendorCli cli = new StubVendorCli().ok("passbolt --version 2> /dev/null").ok("passbolt verify")
        .ok("passbolt list folders --filter 'Name == \"my-project\"' --json",
            "[{\"id\": \"" + parent + "\", \"folder_parent_id\": \"\", \"name\": \"my-project\"}]")
        .ok("passbolt list folders --filter 'Name == \"subfolder\" && FolderParentID == \"" + parent + "\"' --json",
            "[{\"id\": \"" + child + "\", \"folder_parent_id\": \"" + parent + "\", \"name\": \"subfolder\"}]")
        .ok("passbolt list resources --filter '(Name == \"SECRET1\" && FolderParentID == \"" + child + "\")' "
            + "--folder " + parent + " --folder " + child + " --column name --column password --json",
            "[{\"name\": \"SECRET1\", \"password\": \"secret1\"}]");

    assertThat(fetch("passbolt", cli, null, "my-project/subfolder", "SECRET1"))
        .containsExactly(Map.entry("SECRET1", "secret1"));
  }

  // passbolt_adapter_test.rb L465-478 "fetch with special characters in folder id"
  @Test
  void passboltEscapesFolderIdsAsKamalDoes() {
    StubVendorCli cli = new StubVendorCli().ok("passbolt --version 2> /dev/null").ok("passbolt verify")
        .ok("passbolt list folders --filter 'Name == \"my-project\"' --json",
            "[{\"id\": \"abc def-123\", \"folder_parent_id\": \"\", \"name\": \"my-project\"}]")
        .ok("passbolt list resources --filter '(Name == \"SECRET1\" && FolderParentID == \"abc\\\\ def-123\")' "
            + "--folder abc\\ def-123 --column name --column password --json",
            "[{\"name\": \"SECRET1\", \"password\": \"secret1\"}]");

    assertThat(fetch("passbolt", cli, null, null, "my-project/SECRET1"))
        .containsExactly(Map.entry("SECRET1", "secret1"));
  }

  // Every adapter's "fetch without CLI installed" test: the message names the vendor's CLI
  @Test
  void eachAdapterWithoutItsCliNamesIt() {
    Map<String, String> messages = Map.of(
        "bitwarden", "Bitwarden CLI is not installed", "lastpass", "LastPass CLI is not installed",
        "aws_secrets_manager", "AWS CLI is not installed", "doppler", "Doppler CLI is not installed",
        "gcp", "gcloud CLI is not installed", "enpass", "Enpass CLI is not installed",
        "passbolt", "Passbolt CLI is not installed");
    messages.forEach((adapter, message) -> {
      VendorCli missing = line -> new VendorCli.Result(127, "");
      assertThatThrownBy(() -> SecretsAdapters.lookup(adapter, missing, name -> null)
          .fetch(List.of("x/y"), "account", "from")).as(adapter).hasMessage(message);
    });
  }

  // adapters.rb: aliases in any case, else the camelized name; test adapter from adapters/test.rb
  @Test
  void lookUpFollowsKamalsAliasesAndCamelizing() {
    VendorCli none = line -> new VendorCli.Result(0, "");
    assertThat(SecretsAdapters.lookup("1Password", none, n -> null)).isInstanceOf(OnePassword.class);
    assertThat(SecretsAdapters.lookup("LastPass", none, n -> null)).isInstanceOf(LastPass.class);
    assertThat(SecretsAdapters.lookup("last_pass", none, n -> null)).isInstanceOf(LastPass.class);
    assertThat(SecretsAdapters.lookup("GCP", none, n -> null)).isInstanceOf(GcpSecretManager.class);
    assertThatThrownBy(() -> SecretsAdapters.lookup("keepass", none, n -> null))
        .isInstanceOf(SextantException.class).hasMessage("Unknown secrets adapter: keepass");
    // cli/secrets_test.rb L4-9 "fetch" with the test adapter
    assertThat(SecretsJson.write(SecretsAdapters.lookup("test", none, n -> null)
        .fetch(List.of("foo", "bar", "baz"), "myaccount", null))).isEqualTo("{\"foo\":\"oof\",\"bar\":\"rab\",\"baz\":\"zab\"}");
  }

  // cli/secrets_test.rb L18-24 "extract" and "extract match from end"; secrets.rb's missing message
  @Test
  void extractFindsANameOrTheFirstKeyEndingInIt() {
    assertThat(SecretsJson.extract("foo", "{\"foo\":\"oof\", \"bar\":\"rab\", \"baz\":\"zab\"}")).isEqualTo("oof");
    assertThat(SecretsJson.extract("foo", "{\"abc/foo\":\"oof\", \"bar\":\"rab\", \"baz\":\"zab\"}")).isEqualTo("oof");
    assertThatThrownBy(() -> SecretsJson.extract("nope", "{\"foo\":\"oof\"}"))
        .hasMessage("Could not find secret nope");
  }
}
