// Topic channels (`channel.topic('name')`): one queue channel per name that receives every value sent to the topic by
// process outputs declared with `topic: name` (or `>> 'name'` in a typed `topic:` section), wherever in the script
// the processes are called. A topic closes once the workflow is built and every channel feeding it has closed.
import { createChannel, type DslChannel } from './channel.js';

export interface Topics {
  // The topic's channel, made on first use.
  channel(name: string): DslChannel;
  // Sends every value of `source` to the topic.
  feed(name: string, source: DslChannel): void;
  // No source is added from now on (the workflow is built): a topic whose sources have all closed closes.
  seal(): void;
}

interface Topic {
  readonly channel: DslChannel;
  open: number;
}

// A run's topics.
export function createTopics(): Topics {
  const topics = new Map<string, Topic>();
  let sealed = false;
  const topicOf = (name: string): Topic => {
    let topic = topics.get(name);
    if (topic === undefined) {
      topic = { channel: createChannel(false), open: 0 };
      topics.set(name, topic);
    }
    return topic;
  };
  const maybeClose = (topic: Topic): void => {
    if (sealed && topic.open === 0) topic.channel.close();
  };
  return {
    channel: (name) => topicOf(name).channel,
    feed(name, source) {
      const topic = topicOf(name);
      const origins = topic.channel.origins as Set<string>;
      for (const origin of source.origins) origins.add(origin);
      topic.open++;
      void (async () => {
        for await (const value of source.read()) topic.channel.emit(value);
        topic.open--;
        maybeClose(topic);
      })();
    },
    seal() {
      sealed = true;
      for (const topic of topics.values()) maybeClose(topic);
    },
  };
}
