// Runs server-everything (transport named by the first argument, as for its own entry point) and ends it when
// standard input closes: the build that launched it pipes its own input here, so a build that dies, even by
// SIGKILL, does not leave the server holding its port.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
await import('./node_modules/@modelcontextprotocol/server-everything/dist/index.js');
