// Runs one cdktf app (a main.ts) in this process and prints its peak memory as JSON on exit.
// Used by bench/run.js, which times the whole process from the outside.
const path = require('path');

const [mainFile] = process.argv.slice(2);
process.on('exit', (code) => {
  if (code === 0) process.stdout.write(`\n@@bench ${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
require(path.join(__dirname, '..', 'scripts', 'register-ts.js'));
process.chdir(path.dirname(path.resolve(mainFile)));
require(path.resolve(mainFile));
