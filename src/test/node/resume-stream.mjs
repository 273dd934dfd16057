// The official OpenAI Node SDK resuming a background stream: creates a background streaming response whose run calls
// the MCP server given second, leaves its stream once the call is in flight, picks it up again with
// responses.stream({response_id, starting_after}) and prints {"numbers": [...], "types": [...], "status", "text"}.
import OpenAI from 'openai';

const [base, serverUrl] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'unused', maxRetries: 0,
  defaultQuery: { agent: 'assistant' } });
const seen = [];
const first = await client.responses.create({
  model: 'assistant', input: '/call healthy.sleep {"ms":1500}', background: true, stream: true,
  tools: [{ type: 'mcp', server_label: 'healthy', server_url: serverUrl, require_approval: 'never' }],
});
for await (const event of first) {
  seen.push(event);
  if (event.type === 'response.mcp_call.in_progress') {
    break;
  }
}
const resumed = client.responses.stream({ response_id: seen[0].response.id,
  starting_after: seen[seen.length - 1].sequence_number });
for await (const event of resumed) {
  seen.push(event);
}
const final = await resumed.finalResponse();
console.log(JSON.stringify({ numbers: seen.map((e) => e.sequence_number), types: seen.map((e) => e.type),
  status: final.status, text: final.output_text }));
