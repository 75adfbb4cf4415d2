from openai import OpenAI

client = OpenAI(api_key="sk-proj-9f8e7d6c5b4a39281706f5e4d3c2b1a0")


def summarize(text):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return resp.choices[0].message.content
