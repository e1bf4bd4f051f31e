#!/usr/bin/python3
"""Writes the tiny BERT-shaped test model in src/search/embed/__fixtures__/tiny-bert/.

The onnx embedding provider's tests load this folder exactly as they would a
real sentence-transformers export (config.json, tokenizer.json,
tokenizer_config.json, onnx/model.onnx), so they exercise the real
@huggingface/transformers + onnxruntime-node path without a network or a
100 MB download. The model is one BERT layer shrunk to hidden size 16: word,
position and token-type embeddings, a layer norm, one single-head
self-attention block that honours attention_mask, and a final layer norm; its
output is last_hidden_state [batch, seq, 16]. Weights come from a fixed numpy
seed, so the output is deterministic but meaningless. The generated files are
checked in, so tests never need Python. To regenerate (only needed when the
vocabulary, shapes or graph change; commit the result):

    apt-get install -y python3-onnx python3-numpy   # Debian's packages
    /usr/bin/python3 scripts/make-tiny-onnx-model.py
"""

import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN = 16
MAX_POSITIONS = 128  # also the tokenizer's model_max_length
OPSET = 17  # first opset with LayerNormalization
SEED = 20240601

OUT_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "src", "search", "embed", "__fixtures__", "tiny-bert",
)

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list(".,:;!?()[]-'\"/+=%")
DIGITS = list("0123456789")
WORDS = """
a an the of in on for to with and or by from as at is are was were be been this that these
those it its we our they their which not no can may using use used via than more most
paper papers model models method methods approach results result data dataset datasets
learning deep neural network networks training train trained language text image images
vision graph graphs attention transformer transformers retrieval search query queries document
documents embedding embeddings vector vectors semantic similarity ranking benchmark benchmarks
performance accuracy loss optimization gradient stochastic convergence theory theorem proof
bound bounds analysis algorithm algorithms efficient fast scalable large small new novel
propose proposed show shows present study experiments experimental evaluation evaluate
state art baseline baselines task tasks supervised unsupervised self reinforcement policy
agent agents reward quantum physics chemistry biology protein molecular cell galaxy star
stars dark matter energy field fields equation equations linear nonlinear probability
bayesian inference sampling generative diffusion adversarial robust robustness privacy
federated distributed parallel memory compute speech audio video robot robotics control
""".split()
SUFFIXES = ["##s", "##es", "##ed", "##ing", "##er", "##ly", "##al", "##ion", "##ity", "##ize"]
VOCAB = SPECIAL + PUNCTUATION + DIGITS + WORDS + SUFFIXES
assert len(VOCAB) == len(set(VOCAB)), "duplicate vocabulary entries"


def tokenizer_json():
    ids = {token: i for i, token in enumerate(VOCAB)}
    special = lambda name: {"SpecialToken": {"id": name, "type_id": 0}}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": ids[t], "content": t, "single_word": False, "lstrip": False,
             "rstrip": False, "normalized": False, "special": True}
            for t in SPECIAL
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
            "pair": [
                special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]"),
                {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}},
            ],
            "special_tokens": {
                t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")
            },
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }


def tokenizer_config_json():
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "model_max_length": MAX_POSITIONS,
        "clean_up_tokenization_spaces": True,
        "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]",
        "sep_token": "[SEP]", "mask_token": "[MASK]",
    }


def config_json():
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": len(VOCAB),
        "hidden_size": HIDDEN,
        "num_hidden_layers": 1,
        "num_attention_heads": 1,
        "intermediate_size": HIDDEN,
        "max_position_embeddings": MAX_POSITIONS,
        "type_vocab_size": 2,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
    }


def model_proto():
    rng = np.random.RandomState(SEED)
    f32 = lambda *shape, scale=0.5: (rng.randn(*shape) * scale).astype(np.float32)
    weights = {
        "word_embeddings": f32(len(VOCAB), HIDDEN),
        "position_embeddings": f32(MAX_POSITIONS, HIDDEN, scale=0.1),
        "token_type_embeddings": f32(2, HIDDEN, scale=0.1),
        "ln0_gamma": np.ones(HIDDEN, np.float32),
        "ln0_beta": f32(HIDDEN, scale=0.05),
        "w_q": f32(HIDDEN, HIDDEN, scale=HIDDEN ** -0.5),
        "w_k": f32(HIDDEN, HIDDEN, scale=HIDDEN ** -0.5),
        "w_v": f32(HIDDEN, HIDDEN, scale=HIDDEN ** -0.5),
        "w_o": f32(HIDDEN, HIDDEN, scale=HIDDEN ** -0.5),
        "ln1_gamma": np.ones(HIDDEN, np.float32),
        "ln1_beta": f32(HIDDEN, scale=0.05),
        "one_i64": np.array(1, np.int64),
        "zero_i64": np.array(0, np.int64),
        "axis1": np.array([1], np.int64),
        "one_f": np.array(1.0, np.float32),
        "mask_neg": np.array(-10000.0, np.float32),
        "inv_sqrt_h": np.array(HIDDEN ** -0.5, np.float32),
    }
    initializers = [numpy_helper.from_array(v, name=k) for k, v in weights.items()]

    n = helper.make_node
    nodes = [
        # Embeddings: word + position + token type, then layer norm.
        n("Gather", ["word_embeddings", "input_ids"], ["word"]),
        n("Shape", ["input_ids"], ["ids_shape"]),
        n("Gather", ["ids_shape", "one_i64"], ["seq_len"], axis=0),
        n("Range", ["zero_i64", "seq_len", "one_i64"], ["position_ids"]),
        n("Gather", ["position_embeddings", "position_ids"], ["position"]),
        n("Gather", ["token_type_embeddings", "token_type_ids"], ["token_type"]),
        n("Add", ["word", "position"], ["sum0"]),
        n("Add", ["sum0", "token_type"], ["sum1"]),
        n("LayerNormalization", ["sum1", "ln0_gamma", "ln0_beta"], ["x"], axis=-1, epsilon=1e-12),
        # Single-head self-attention; padded keys get -10000 so batching does not change results.
        n("MatMul", ["x", "w_q"], ["q"]),
        n("MatMul", ["x", "w_k"], ["k"]),
        n("MatMul", ["x", "w_v"], ["v"]),
        n("Transpose", ["k"], ["k_t"], perm=[0, 2, 1]),
        n("MatMul", ["q", "k_t"], ["scores_raw"]),
        n("Mul", ["scores_raw", "inv_sqrt_h"], ["scores_scaled"]),
        n("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        n("Unsqueeze", ["mask_f", "axis1"], ["mask_b"]),
        n("Sub", ["one_f", "mask_b"], ["mask_inv"]),
        n("Mul", ["mask_inv", "mask_neg"], ["mask_bias"]),
        n("Add", ["scores_scaled", "mask_bias"], ["scores"]),
        n("Softmax", ["scores"], ["probs"], axis=-1),
        n("MatMul", ["probs", "v"], ["context"]),
        n("MatMul", ["context", "w_o"], ["attn_out"]),
        n("Add", ["x", "attn_out"], ["residual"]),
        n("LayerNormalization", ["residual", "ln1_gamma", "ln1_beta"], ["last_hidden_state"],
          axis=-1, epsilon=1e-12),
    ]
    ids_input = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch_size", "sequence_length"])
    graph = helper.make_graph(
        nodes,
        "tiny_bert",
        [ids_input("input_ids"), ids_input("attention_mask"), ids_input("token_type_ids")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                       ["batch_size", "sequence_length", HIDDEN])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="paperboard-make-tiny-onnx-model")
    onnx.checker.check_model(model, full_check=True)
    return model


def write_json(name, value):
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    os.makedirs(os.path.join(OUT_DIR, "onnx"), exist_ok=True)
    write_json("config.json", config_json())
    write_json("tokenizer.json", tokenizer_json())
    write_json("tokenizer_config.json", tokenizer_config_json())
    onnx.save(model_proto(), os.path.join(OUT_DIR, "onnx", "model.onnx"))
    print(f"wrote {os.path.normpath(OUT_DIR)} (vocab {len(VOCAB)}, hidden {HIDDEN})")


if __name__ == "__main__":
    main()
