const { WebClient } = require('@slack/web-api');

const slack = new WebClient(
  process.env.SLACK_BOT_TOKEN || 'xoxb-7311945820-5529384710-fK3mZq8RtVw2YpLx9Nc4Hd6J',
);

async function notifyDeploy(channel, version) {
  await slack.chat.postMessage({ channel, text: `Deployed ${version}` });
}

module.exports = { notifyDeploy };
