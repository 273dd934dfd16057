"""Writes a tiny llama-architecture GGUF model with random weights, for the tests of the OpenAI-compatible model
client against llama.cpp's llama-server. Its tokenizer and chat template are llama.cpp's own test files; its answers
are noise, except where a grammar (a JSON Schema) decides their form.

Usage: python3 tiny-model.py <llama.cpp source directory> <output .gguf>
"""
import sys

source, output = sys.argv[1], sys.argv[2]
sys.path.insert(0, source + "/gguf-py")

import gguf  # noqa: E402
import numpy as np  # noqa: E402

# The tokenizer of llama.cpp's GPT-2 test vocabulary (byte-level BPE, 50,257 tokens): it adds no space before the
# first piece of a text, so the chat template's generation prompt tokenizes as the grammars of llama-server expect.
vocab = gguf.GGUFReader(source + "/models/ggml-vocab-gpt-2.gguf")
n_vocab = len(vocab.fields["tokenizer.ggml.tokens"].data)
n_embd, n_ff, n_head = 64, 128, 2

writer = gguf.GGUFWriter(output, "llama")
writer.add_name("agent-host tiny random llama")
writer.add_context_length(2048)
writer.add_embedding_length(n_embd)
writer.add_block_count(1)
writer.add_feed_forward_length(n_ff)
writer.add_head_count(n_head)
writer.add_head_count_kv(n_head)
writer.add_rope_dimension_count(n_embd // n_head)
writer.add_layer_norm_rms_eps(1e-5)
writer.add_vocab_size(n_vocab)
writer.add_file_type(gguf.LlamaFileType.ALL_F32)
for name, field in vocab.fields.items():
    if name.startswith("tokenizer."):
        if field.types[0] == gguf.GGUFValueType.ARRAY:
            writer.add_key_value(name, field.contents(), gguf.GGUFValueType.ARRAY, sub_type=field.types[-1])
        else:
            writer.add_key_value(name, field.contents(), field.types[0])
# A chat template that llama-server knows (Qwen 2.5's, from llama.cpp's own test templates).
with open(source + "/models/templates/Qwen-Qwen2.5-7B-Instruct.jinja", encoding="utf-8") as template:
    writer.add_chat_template(template.read())

random = np.random.default_rng(20261203)


def weights(*shape):
    return (random.standard_normal(shape) * 0.02).astype(np.float32)


writer.add_tensor("token_embd.weight", weights(n_vocab, n_embd))
writer.add_tensor("output_norm.weight", np.ones(n_embd, dtype=np.float32))
writer.add_tensor("output.weight", weights(n_vocab, n_embd))
writer.add_tensor("blk.0.attn_norm.weight", np.ones(n_embd, dtype=np.float32))
for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
    writer.add_tensor("blk.0." + name + ".weight", weights(n_embd, n_embd))
writer.add_tensor("blk.0.ffn_norm.weight", np.ones(n_embd, dtype=np.float32))
writer.add_tensor("blk.0.ffn_gate.weight", weights(n_ff, n_embd))
writer.add_tensor("blk.0.ffn_up.weight", weights(n_ff, n_embd))
writer.add_tensor("blk.0.ffn_down.weight", weights(n_embd, n_ff))

writer.write_header_to_file()
writer.write_kv_data_to_file()
writer.write_tensors_to_file()
writer.close()
