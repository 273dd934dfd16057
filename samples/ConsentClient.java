import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat client for agent-host, as a hosted agent's users have it: it sends each prompt, and when the answer is a
 * consent request it prints the links, waits until the user has consented, and sends the prompt again.
 *
 * <pre>
 * java samples/ConsentClient.java [base URL, default http://127.0.0.1:9080] [agent, default assistant]
 * </pre>
 *
 * It needs nothing but a JDK 17; it reads the few fields it needs from the JSON with patterns, which is enough for
 * a sample and not a way to parse JSON in an application (use an OpenAI SDK there).
 */
public class ConsentClient {

    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");
    private static final Pattern CONSENT = Pattern.compile(
            "\"type\":\"oauth_consent_request\",\"server_label\":\"([^\"]*)\",\"consent_link\":\"([^\"]*)\"");
    private static final Pattern TEXT = Pattern.compile("\"type\":\"output_text\",\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:9080";
        String agent = args.length > 1 ? args[1] : "assistant";
        HttpClient http = HttpClient.newHttpClient();
        BufferedReader console = new BufferedReader(new InputStreamReader(System.in));
        String previous = null;
        System.out.println("Talking to agent " + agent + " at " + base + "; an empty line ends.");
        for (String prompt = ask(console, "> "); prompt != null && !prompt.isBlank(); prompt = ask(console, "> ")) {
            while (true) {
                String body = "{\"model\":\"" + json(agent) + "\",\"input\":\"" + json(prompt) + "\""
                        + (previous == null ? "" : ",\"previous_response_id\":\"" + previous + "\"") + "}";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/responses"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    System.out.println("error " + response.statusCode() + ": " + response.body());
                    break;
                }
                List<String[]> consent = consentRequests(response.body());
                if (consent.isEmpty()) {
                    previous = first(Pattern.compile("\"id\":\"(resp_[^\"]+)\""), response.body());
                    System.out.println(lastText(response.body()) + "   [" + first(STATUS, response.body()) + "]");
                    break;
                }
                System.out.println("The agent needs your consent first. Open:");
                consent.forEach(link -> System.out.println("  " + link[0] + ": " + link[1]));
                String answer = ask(console, "Press Enter once you have consented (or type q to give up) ");
                if (answer == null) {
                    return;
                }
                if (answer.strip().equals("q")) {
                    break;
                }
            }
        }
    }

    private static List<String[]> consentRequests(String json) {
        List<String[]> links = new ArrayList<>();
        Matcher m = CONSENT.matcher(json);
        while (m.find()) {
            links.add(new String[] {m.group(1), m.group(2)});
        }
        return links;
    }

    private static String lastText(String json) {
        String text = "";
        Matcher m = TEXT.matcher(json);
        while (m.find()) {
            text = m.group(1).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }

    private static String first(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String ask(BufferedReader console, String prompt) throws Exception {
        System.out.print(prompt);
        System.out.flush();
        return console.readLine();
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
