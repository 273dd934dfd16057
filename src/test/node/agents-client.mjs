// A client of another MCP implementation than the server's (the TypeScript SDK, which the MCP Inspector is built on):
// connects to the URL given first, lists the tools, calls the tool given second with the JSON arguments given third,
// and prints {"tools": [...], "result": {...}} on one line.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [url, tool, args] = process.argv.slice(2);
const client = new Client({ name: 'agent-host-it', version: '1.0.0' });
const transport = new StreamableHTTPClientTransport(new URL(url));
await client.connect(transport);
const tools = await client.listTools();
const result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
await transport.terminateSession();
await client.close();
console.log(JSON.stringify({ tools: tools.tools, result }));
