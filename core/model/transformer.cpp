// Decoder-only transformer: pre-LayerNorm blocks with hand-written causal self-attention (no SDPA, so
// it builds on LibTorch 1.13 and 2.x alike), learned or rotary positions, GELU MLP, optional tying.
//
// Legend: B = batch, T = tokens in this call, K = keys attended (T, or cached slots + T), C = d_model,
// H = heads, D = head size, V = vocabulary.
#include "model/transformer.h"

#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace gcpo::model {

namespace {

// Rotary embedding, "rotate half" convention: x (B, H, T, D), cos/sin (B, 1, T, D/2).
torch::Tensor applyRotary(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    const int64_t half = x.size(-1) / 2;
    auto x1 = x.narrow(-1, 0, half);                                    // (B, H, T, D/2)
    auto x2 = x.narrow(-1, half, half);                                 // (B, H, T, D/2)
    return torch::cat({x1 * cos - x2 * sin, x1 * sin + x2 * cos}, -1);  // (B, H, T, D)
}

// ---- the attention products of training and prefill on the CPU ----
// LibTorch 1.13 runs a batched fp32 matmul on the CPU as one BLAS call per (row, head), one after
// another, each threaded by the BLAS: at the training shapes (64 products of 128 x 64 x 128 per
// layer) the products took 17 % of a step at 18 % of the matmul peak (`gcpo-bench model --profile`).
// Here the (row, head) products run in parallel, each one single-threaded (OpenBLAS does not
// thread inside a parallel region), forward and backward, and each is one call of the BLAS's sgemm
// on the tensors' own memory, without making tensor views and dispatching an operator per product
// (six views and one mm_out for a 2 MFLOP product at the training shapes). The BLAS routine is the
// one LibTorch calls.

// One matrix of a (B, H, rows, cols) fp32 tensor as the BLAS sees it (column-major): a row-major
// matrix is its own transpose in column-major order.
struct BlasOperand {
    const float* data;
    int64_t batchStride, headStride, ld;
    bool rowMajor;
};

// t's last two dimensions as the BLAS takes them: a unit stride in one of them and a leading
// dimension that does not overlap; nullopt otherwise (then a contiguous copy is).
std::optional<BlasOperand> blasOperand(const torch::Tensor& t) {
    const int64_t rows = t.size(2), cols = t.size(3);
    if (t.stride(3) == 1 && (rows == 1 || t.stride(2) >= cols))
        return BlasOperand{t.data_ptr<float>(), t.stride(0), t.stride(1), std::max<int64_t>(1, rows == 1 ? cols : t.stride(2)),
                           true};
    if (t.stride(2) == 1 && (cols == 1 || t.stride(3) >= rows))
        return BlasOperand{t.data_ptr<float>(), t.stride(0), t.stride(1), std::max<int64_t>(1, cols == 1 ? rows : t.stride(3)),
                           false};
    return std::nullopt;
}

// The Fortran BLAS sgemm that LibTorch itself calls, looked up in the process (LibTorch loaded it);
// null where no BLAS exports it (a LibTorch with a private, statically linked BLAS).
using Sgemm = void (*)(const char* transa, const char* transb, const int* m, const int* n, const int* k, const float* alpha,
                       const float* a, const int* lda, const float* b, const int* ldb, const float* beta, float* c,
                       const int* ldc);
Sgemm processSgemm() {
    static const Sgemm fn = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
    return fn;
}

// alpha a (B, H, M, K) @ b (B, H, K, N) (+ addend) -> (B, H, M, N) contiguous; inputs with neither of
// their last two strides unit are copied first. addend: broadcastable to (B, H, M, N), or empty for
// none. Each product's output is first filled with its addend (where the BLAS would otherwise zero
// it) and the BLAS adds alpha a b to it: the scaling and the attention mask cost no pass of their own.
torch::Tensor headMatmulNoGrad(const torch::Tensor& aIn, const torch::Tensor& bIn, double alpha, const torch::Tensor& addendIn) {
    // One profiler record for all the products (the BLAS calls inside are not operators of their own).
    RECORD_USER_SCOPE("gcpo::head_matmul");
    const auto a = blasOperand(aIn) ? aIn : aIn.contiguous();
    const auto b = blasOperand(bIn) ? bIn : bIn.contiguous();
    const int64_t B = a.size(0), H = a.size(1), M = a.size(2), K = a.size(3), N = b.size(3);
    const bool withAddend = addendIn.numel() > 0;
    auto out = torch::empty({B, H, M, N}, a.options());  // (B, H, M, N)
    if (out.numel() == 0) return out;
    const Sgemm sgemm = processSgemm();
    const int64_t limit = std::numeric_limits<int>::max();
    const BlasOperand oa = *blasOperand(a), ob = *blasOperand(b);
    if (K == 0 || !sgemm || std::max({M, N, K, oa.ld, ob.ld}) > limit) {  // one LibTorch product per (row, head)
        at::parallel_for(0, B * H, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                auto o = out[i / H][i % H];  // (M, N)
                at::mm_out(o, a[i / H][i % H], b[i / H][i % H]);
            }
        });
        if (alpha != 1.0) out.mul_(alpha);
        return withAddend ? out.add_(addendIn) : out;
    }
    const auto addend = withAddend ? addendIn.to(torch::kFloat).expand({B, H, M, N}) : addendIn;  // (B, H, M, N), strided
    const float* const add = withAddend ? addend.data_ptr<float>() : nullptr;
    float* const o = out.data_ptr<float>();
    // Row-major out = a b is column-major out^T = b^T a^T: a row-major operand is already its
    // transpose to the BLAS, a column-major one is transposed by the call.
    const char ta = oa.rowMajor ? 'N' : 'T', tb = ob.rowMajor ? 'N' : 'T';
    const int m = static_cast<int>(N), n = static_cast<int>(M), k = static_cast<int>(K);
    const int lda = static_cast<int>(ob.ld), ldb = static_cast<int>(oa.ld), ldc = static_cast<int>(N);
    const float scale = static_cast<float>(alpha), beta = withAddend ? 1.0f : 0.0f;
    at::parallel_for(0, B * H, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const int64_t r = i / H, h = i % H;
            float* const c = o + i * M * N;
            if (add) {
                const float* src = add + r * addend.stride(0) + h * addend.stride(1);
                const int64_t rowStride = addend.stride(2), colStride = addend.stride(3);
                for (int64_t row = 0; row < M; ++row) {
                    const float* in = src + row * rowStride;
                    if (colStride == 1) std::copy(in, in + N, c + row * N);
                    else
                        for (int64_t col = 0; col < N; ++col) c[row * N + col] = in[col * colStride];
                }
            }
            sgemm(&tb, &ta, &m, &n, &k, &scale, ob.data + r * ob.batchStride + h * ob.headStride, &lda,
                  oa.data + r * oa.batchStride + h * oa.headStride, &ldb, &beta, c, &ldc);
        }
    });
    return out;
}

// Autograd takes no undefined inputs: "no addend" is an empty tensor.
struct HeadMatmul : torch::autograd::Function<HeadMatmul> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& a, const torch::Tensor& b,
                                 double alpha, const torch::Tensor& addend) {
        ctx->save_for_backward({a, b});
        ctx->saved_data["alpha"] = alpha;
        return headMatmulNoGrad(a, b, alpha, addend);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto& a = saved[0];
        const auto& b = saved[1];
        const auto& g = grads[0];  // (B, H, M, N)
        const double alpha = ctx->saved_data["alpha"].toDouble();
        const auto none = torch::empty({0}, g.options());
        torch::Tensor ga, gb;
        if (ctx->needs_input_grad(0)) ga = headMatmulNoGrad(g, b.transpose(-2, -1), alpha, none);  // (B, H, M, K)
        if (ctx->needs_input_grad(1)) gb = headMatmulNoGrad(a.transpose(-2, -1), g, alpha, none);  // (B, H, K, N)
        return {ga, gb, torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor headMatmul(const torch::Tensor& a, const torch::Tensor& b, double alpha, const torch::Tensor& addend) {
    if (!a.device().is_cpu() || a.scalar_type() != torch::kFloat || b.scalar_type() != torch::kFloat || a.dim() != 4 ||
        b.dim() != 4 || a.size(0) != b.size(0) || a.size(1) != b.size(1) || a.size(0) * a.size(1) < 2 ||
        (addend.defined() && (addend.requires_grad() || !addend.device().is_cpu() || addend.dim() != 4))) {
        auto out = torch::matmul(alpha == 1.0 ? a : a * alpha, b);
        return addend.defined() ? out + addend : out;
    }
    // The BLAS scales by alpha exactly where alpha is a power of two (as multiplying a first would);
    // any other alpha multiplies a first, so the results do not depend on where the scaling happens.
    int exponent = 0;
    if (std::frexp(alpha, &exponent) != 0.5) return headMatmul(a * alpha, b, 1.0, addend);
    return HeadMatmul::apply(a, b, alpha, addend.defined() ? addend : torch::empty({0}, a.options()));
}

namespace {

// ---- the linear layers on the CPU ----
// LibTorch 1.13 computes x W^T + b on a (B, T, I) input as one BLAS call threaded by the BLAS, adds
// the bias in a second parallel pass, and in the backward hands the weight gradient over transposed
// (strides (1, O)), to be added into .grad element by element. Here each thread takes a contiguous
// block of rows (output, input gradient) or of weight-gradient rows and makes one single-threaded
// sgemm on it, then adds the bias to its rows while they are still in its cache; the weight gradient
// comes out in the weight's own layout.

// out (M, O) = x (M, I) w (O, I)^T (+ bias (O)). Row-major out is column-major out^T = w x^T; row-major
// w is column-major w^T, so the BLAS transposes it. Blocks of rows where there are at least as many
// rows as outputs (training, prefill); blocks of outputs otherwise (decoding a few rows), so that no
// thread packs the whole weight matrix for a handful of rows.
void linearRows(Sgemm sgemm, const float* x, const float* w, const float* bias, float* out, int64_t M, int64_t I, int64_t O) {
    RECORD_USER_SCOPE("gcpo::linear");  // one profiler record for the products and the bias
    const int k = static_cast<int>(I), lda = static_cast<int>(I), ldb = static_cast<int>(I), ldc = static_cast<int>(O);
    const float one = 1.0f, zero = 0.0f;
    if (M >= O) {
        at::parallel_for(0, M, 16, [&](int64_t begin, int64_t end) {
            const int m = static_cast<int>(O), n = static_cast<int>(end - begin);
            float* o = out + begin * O;
            sgemm("T", "N", &m, &n, &k, &one, w, &lda, x + begin * I, &ldb, &zero, o, &ldc);
            if (bias)
                for (int64_t r = 0; r < end - begin; ++r)
                    for (int64_t j = 0; j < O; ++j) o[r * O + j] += bias[j];
        });
        return;
    }
    at::parallel_for(0, O, 16, [&](int64_t begin, int64_t end) {
        const int m = static_cast<int>(end - begin), n = static_cast<int>(M);
        sgemm("T", "N", &m, &n, &k, &one, w + begin * I, &lda, x, &ldb, &zero, out + begin, &ldc);
        if (bias)
            for (int64_t r = 0; r < M; ++r)
                for (int64_t j = begin; j < end; ++j) out[r * O + j] += bias[j];
    });
}

// x (..., I), w (O, I), b (O) or undefined -> (..., O); x2 receives x as (M, I) contiguous.
torch::Tensor blasLinearNoGrad(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b, torch::Tensor* x2Out) {
    const int64_t I = w.size(1), O = w.size(0);
    const auto x2 = x.reshape({-1, I}).contiguous();  // (M, I)
    const auto wc = w.contiguous();                   // (O, I)
    const int64_t M = x2.size(0);
    auto out = torch::empty({M, O}, x.options());  // (M, O)
    if (M > 0 && O > 0) {
        if (I == 0) {
            out.zero_();
            if (b.defined()) out.add_(b);
        } else {
            const auto bc = b.defined() ? b.contiguous() : b;  // (O)
            linearRows(processSgemm(), x2.data_ptr<float>(), wc.data_ptr<float>(), bc.defined() ? bc.data_ptr<float>() : nullptr,
                       out.data_ptr<float>(), M, I, O);
        }
    }
    if (x2Out) *x2Out = x2;
    auto sizes = x.sizes().vec();
    sizes.back() = O;
    return out.view(sizes);  // (..., O)
}

// The backward of x w^T (+ b): the gradients of x, w and, where there is a bias, b.
torch::autograd::variable_list blasLinearBackward(torch::autograd::AutogradContext* ctx,
                                                  const torch::autograd::variable_list& grads, bool bias) {
    const auto saved = ctx->get_saved_variables();
    const auto& x2 = saved[0];  // (M, I)
    const auto& w = saved[1];   // (O, I)
    const int64_t M = x2.size(0), I = x2.size(1), O = w.size(0);
    const auto g = grads[0].reshape({M, O}).contiguous();  // (M, O)
    const Sgemm sgemm = processSgemm();
    const float one = 1.0f, zero = 0.0f;
    const float* gp = g.data_ptr<float>();
    torch::Tensor gx, gw, gb;
    RECORD_USER_SCOPE("gcpo::linear");  // the two products (the bias gradient is an operator of its own)
    if (ctx->needs_input_grad(0)) {
        // gx (M, I) = g w: column-major gx^T = w^T g^T, both operands as stored.
        gx = O == 0 ? torch::zeros({M, I}, g.options()) : torch::empty({M, I}, g.options());
        if (M > 0 && I > 0 && O > 0) {
            const float* wp = w.data_ptr<float>();
            float* out = gx.data_ptr<float>();
            at::parallel_for(0, M, 16, [&](int64_t begin, int64_t end) {
                const int m = static_cast<int>(I), n = static_cast<int>(end - begin), k = static_cast<int>(O);
                const int lda = static_cast<int>(I), ldb = static_cast<int>(O), ldc = static_cast<int>(I);
                sgemm("N", "N", &m, &n, &k, &one, wp, &lda, gp + begin * O, &ldb, &zero, out + begin * I, &ldc);
            });
        }
        gx = gx.view(ctx->saved_data["x_sizes"].toIntVector());  // (..., I)
    }
    if (ctx->needs_input_grad(1)) {
        // gw (O, I) = g^T x2: column-major gw^T = x2^T g, a block of gw's rows per thread.
        gw = M == 0 ? torch::zeros({O, I}, g.options()) : torch::empty({O, I}, g.options());
        if (M > 0 && I > 0 && O > 0) {
            const float* xp = x2.data_ptr<float>();
            float* out = gw.data_ptr<float>();
            at::parallel_for(0, O, 16, [&](int64_t begin, int64_t end) {
                const int m = static_cast<int>(I), n = static_cast<int>(end - begin), k = static_cast<int>(M);
                const int lda = static_cast<int>(I), ldb = static_cast<int>(O), ldc = static_cast<int>(I);
                sgemm("N", "T", &m, &n, &k, &one, xp, &lda, gp + begin, &ldb, &zero, out + begin * I, &ldc);
            });
        }
    }
    if (bias && ctx->needs_input_grad(2)) gb = g.sum(0);  // (O)
    return {gx, gw, gb};
}

// Autograd takes no undefined inputs: "no bias" is an empty tensor (as "no addend" is above).
struct BlasLinear : torch::autograd::Function<BlasLinear> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& w,
                                 const torch::Tensor& b) {
        const bool bias = b.numel() > 0;
        torch::Tensor x2;
        auto out = blasLinearNoGrad(x, w, bias ? b : torch::Tensor(), &x2);
        ctx->save_for_backward({x2, w.contiguous()});
        ctx->saved_data["x_sizes"] = x.sizes().vec();
        ctx->saved_data["bias"] = bias;
        return out;
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
        return blasLinearBackward(ctx, grads, ctx->saved_data["bias"].toBool());
    }
};

}  // namespace

torch::Tensor blasLinear(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
    const int64_t limit = std::numeric_limits<int>::max();
    const bool applies = processSgemm() && x.device().is_cpu() && w.device().is_cpu() && x.scalar_type() == torch::kFloat &&
                         w.scalar_type() == torch::kFloat && (!b.defined() || b.scalar_type() == torch::kFloat) && w.dim() == 2 &&
                         x.dim() >= 1 && x.size(-1) == w.size(1) && (!b.defined() || (b.dim() == 1 && b.size(0) == w.size(0))) &&
                         std::max({x.numel() / std::max<int64_t>(1, x.size(-1)), w.size(0), w.size(1)}) < limit;
    if (!applies) return torch::nn::functional::linear(x, w, b);
    const bool grad =
        torch::GradMode::is_enabled() && (x.requires_grad() || w.requires_grad() || (b.defined() && b.requires_grad()));
    if (!grad) return blasLinearNoGrad(x, w, b, nullptr);
    return BlasLinear::apply(x, w, b.defined() ? b : torch::empty({0}, w.options()));
}

namespace {

// ---- one-token decoding attention on the CPU ----
// At T = 1 the two batched matmuls of attention are B * H matrix-vector products; LibTorch 1.13 with
// OpenBLAS runs them as one small GEMM call per (row, head), serially, and those calls cost more than
// the arithmetic. This fused loop (scores, mask, softmax, weighted sum) runs in parallel over rows x
// heads and reads each cached key and value once. Numerically the same attention (fp32; the sums are
// in a different order, so results agree to float rounding).
struct DecodeArgs {
    const float* q;       // (B, H, D) contiguous
    const float* keys;    // (B, H, S, D) contiguous cache
    const float* values;  // (B, H, S, D)
    const bool* allowed;  // (B, K) contiguous
    float* out;           // (B, H, D): the (B, 1, C) output of the heads
    int64_t heads, slots, keysUsed, headDim;
    float scale;
};

// Eight independent partial sums: vectorised without reassociating a single float reduction.
inline float dot(const float* a, const float* b, int64_t n) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j) acc[j] += a[i + j] * b[i + j];
    float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i) s += a[i] * b[i];
    return s;
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("arch=haswell", "default")))  // AVX2 + FMA where the CPU has them
#endif
void decodeRange(const DecodeArgs& a, int64_t begin, int64_t end) {
    const int64_t K = a.keysUsed, D = a.headDim;
    std::vector<float> w(static_cast<size_t>(K));
    for (int64_t idx = begin; idx < end; ++idx) {
        const int64_t b = idx / a.heads;
        const float* q = a.q + idx * D;
        const float* keys = a.keys + idx * a.slots * D;
        const float* values = a.values + idx * a.slots * D;
        const bool* allowed = a.allowed + b * K;
        float top = -std::numeric_limits<float>::infinity();
        for (int64_t k = 0; k < K; ++k) {
            if (!allowed[k]) continue;
            w[k] = dot(q, keys + k * D, D) * a.scale;
            top = std::max(top, w[k]);
        }
        float total = 0.0f;
        for (int64_t k = 0; k < K; ++k) {
            w[k] = allowed[k] ? std::exp(w[k] - top) : 0.0f;
            total += w[k];
        }
        float* o = a.out + idx * D;
        for (int64_t d = 0; d < D; ++d) o[d] = 0.0f;
        const float inv = 1.0f / total;  // total >= 1: the largest allowed score contributes exp(0)
        for (int64_t k = 0; k < K; ++k) {
            if (w[k] == 0.0f) continue;
            const float p = w[k] * inv;
            const float* v = values + k * D;
            for (int64_t d = 0; d < D; ++d) o[d] += p * v[d];
        }
    }
}

// q (B, H, 1, D); cache keys/values (B, H, S, D) holding K = keysUsed slots; allowed (B, 1, 1, K).
// Returns the attention output (B, 1, C).
torch::Tensor decodeAttentionCpu(const torch::Tensor& q, const torch::Tensor& keys, const torch::Tensor& values,
                                 const torch::Tensor& allowed, int64_t keysUsed, double scale) {
    const int64_t B = q.size(0), H = q.size(1), D = q.size(3);
    const auto qc = q.contiguous();                                     // (B, H, 1, D)
    const auto allowedC = allowed.reshape({B, keysUsed}).contiguous();  // (B, K)
    auto out = torch::empty({B, 1, H * D}, q.options());                // (B, 1, C)
    DecodeArgs a{qc.data_ptr<float>(),
                 keys.data_ptr<float>(),
                 values.data_ptr<float>(),
                 allowedC.data_ptr<bool>(),
                 out.data_ptr<float>(),
                 H,
                 keys.size(2),
                 keysUsed,
                 D,
                 static_cast<float>(scale)};
    at::parallel_for(0, B * H, 16, [&](int64_t begin, int64_t end) { decodeRange(a, begin, end); });
    return out;
}

bool useDecodeKernel(const torch::Tensor& q, const torch::Tensor& keys, bool training) {
    return q.size(2) == 1 && q.device().is_cpu() && q.scalar_type() == torch::kFloat && keys.is_contiguous() && !training &&
           !(torch::GradMode::is_enabled() && q.requires_grad());
}

// Every module is Cloneable (reset() registers the children) so that the policy can be deep-copied.
struct CausalSelfAttentionImpl : torch::nn::Cloneable<CausalSelfAttentionImpl> {
    CausalSelfAttentionImpl(const ModelConfig& c)
        : cfg(c), heads(c.heads), headDim(c.headDim()), dropout(c.dropout), rotary(c.positions == "rotary") {
        reset();
    }
    void reset() override {
        qkv = register_module("qkv", torch::nn::Linear(cfg.dModel, 3 * cfg.dModel));
        proj = register_module("proj", torch::nn::Linear(cfg.dModel, cfg.dModel));
    }

    // x (B, T, C); cos/sin (B, 1, T, D/2) or undefined; allowed (B, 1, T, K) bool and bias, the same
    // mask as 0 / -inf (added to the scores: its backward is free, unlike masked_fill's).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                          const torch::Tensor& allowed, const torch::Tensor& bias, KVCache* cache, size_t layer) {
        const int64_t B = x.size(0), T = x.size(1), C = x.size(2);
        // unbind, not three selects: select's backward zero-fills a whole (B, T, 3, H, D) gradient for
        // each of q, k and v and autograd then adds the three; unbind's stacks the three once, along
        // dimension 2, which is already the projection's layout (no copy before its backward).
        const auto parts = blasLinear(x, qkv->weight, qkv->bias).view({B, T, 3, heads, headDim}).unbind(2);  // 3 x (B, T, H, D)
        auto q = parts[0].transpose(1, 2);                                                                   // (B, H, T, D)
        auto k = parts[1].transpose(1, 2);                                                                   // (B, H, T, D)
        auto v = parts[2].transpose(1, 2);                                                                   // (B, H, T, D)
        if (rotary) {
            q = applyRotary(q, cos, sin);  // (B, H, T, D)
            k = applyRotary(k, cos, sin);  // (B, H, T, D)
        }
        const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
        if (cache) {
            const int64_t len = cache->length;
            cache->keys[layer].narrow(2, len, T).copy_(k);
            cache->values[layer].narrow(2, len, T).copy_(v);
            if (useDecodeKernel(q, cache->keys[layer], is_training()))
                return blasLinear(decodeAttentionCpu(q, cache->keys[layer], cache->values[layer], allowed, len + T, scale),
                                  proj->weight, proj->bias);  // (B, 1, C)
            k = cache->keys[layer].narrow(2, 0, len + T);     // (B, H, K, D)
            v = cache->values[layer].narrow(2, 0, len + T);   // (B, H, K, D)
        }
        auto att = headMatmul(q, k.transpose(-2, -1), scale, bias);  // (B, H, T, K): scaled, masked
        att = torch::softmax(att, -1);                               // (B, H, T, K)
        att = torch::dropout(att, dropout, is_training());
        auto y = headMatmul(att, v).transpose(1, 2).reshape({B, T, C});                          // (B, T, C)
        return torch::dropout(blasLinear(y, proj->weight, proj->bias), dropout, is_training());  // (B, T, C)
    }

    ModelConfig cfg;
    int64_t heads, headDim;
    double dropout;
    bool rotary;
    torch::nn::Linear qkv{nullptr}, proj{nullptr};
};
TORCH_MODULE(CausalSelfAttention);

struct MlpImpl : torch::nn::Cloneable<MlpImpl> {
    MlpImpl(const ModelConfig& c) : cfg(c), dropout(c.dropout) { reset(); }
    void reset() override {
        fc = register_module("fc", torch::nn::Linear(cfg.dModel, cfg.mlpRatio * cfg.dModel));
        proj = register_module("proj", torch::nn::Linear(cfg.mlpRatio * cfg.dModel, cfg.dModel));
    }
    torch::Tensor forward(const torch::Tensor& x) {                                              // (B, T, C) -> (B, T, C)
        const auto h = torch::gelu(blasLinear(x, fc->weight, fc->bias));                         // (B, T, 4C)
        return torch::dropout(blasLinear(h, proj->weight, proj->bias), dropout, is_training());  // (B, T, C)
    }
    ModelConfig cfg;
    double dropout;
    torch::nn::Linear fc{nullptr}, proj{nullptr};
};
TORCH_MODULE(Mlp);

struct BlockImpl : torch::nn::Cloneable<BlockImpl> {
    BlockImpl(const ModelConfig& c) : cfg(c) { reset(); }
    void reset() override {
        ln1 = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({cfg.dModel})));
        attn = register_module("attn", CausalSelfAttention(cfg));
        ln2 = register_module("ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({cfg.dModel})));
        mlp = register_module("mlp", Mlp(cfg));
    }
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& cos, const torch::Tensor& sin, const torch::Tensor& allowed,
                          const torch::Tensor& bias, KVCache* cache, size_t layer) {
        x = x + attn->forward(ln1(x), cos, sin, allowed, bias, cache, layer);  // (B, T, C)
        return x + mlp->forward(ln2(x));                                       // (B, T, C)
    }
    ModelConfig cfg;
    torch::nn::LayerNorm ln1{nullptr}, ln2{nullptr};
    CausalSelfAttention attn{nullptr};
    Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

}  // namespace

TransformerImpl::TransformerImpl(const ModelConfig& config) : m_config(config) {
    validate(config);
    reset();

    // GPT-2 initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 * layers), zero biases.
    torch::NoGradGuard noGrad;
    const double residualStd = 0.02 / std::sqrt(2.0 * static_cast<double>(m_config.layers));
    for (auto& p : named_parameters()) {
        const std::string& name = p.key();
        auto& t = p.value();
        if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0) t.zero_();
        else if (name.find("ln") != std::string::npos) t.fill_(1.0);
        else if (name.find("proj.weight") != std::string::npos) t.normal_(0.0, residualStd);
        else t.normal_(0.0, 0.02);
    }
}

void TransformerImpl::reset() {
    const auto& c = m_config;
    wpe = nullptr;
    lmHead = nullptr;
    wte = register_module("wte", torch::nn::Embedding(c.vocabSize, c.dModel));
    if (c.positions == "learned") wpe = register_module("wpe", torch::nn::Embedding(c.context, c.dModel));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.layers; ++i) blocks->push_back(Block(c));
    lnF = register_module("ln_f", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.dModel})));
    if (!c.tieWeights)
        lmHead = register_module("lm_head", torch::nn::Linear(torch::nn::LinearOptions(c.dModel, c.vocabSize).bias(false)));
    drop = register_module("drop", torch::nn::Dropout(c.dropout));
}

torch::Device TransformerImpl::device() const { return wte->weight.device(); }

int64_t TransformerImpl::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

int64_t TransformerImpl::matmulParameterCount() const {
    int64_t n = 0;
    for (const auto& p : named_parameters()) {
        const std::string& name = p.key();
        if (name.find(".weight") != std::string::npos && p.value().dim() == 2 && name.rfind("wte", 0) != 0 &&
            name.rfind("wpe", 0) != 0)
            n += p.value().numel();
    }
    if (m_config.tieWeights) n += wte->weight.numel();  // the output head
    return n;
}

KVCache TransformerImpl::makeCache(int64_t batch, int64_t capacity) const {
    if (capacity < 1 || (m_config.positions == "learned" && capacity > m_config.context))
        throw std::invalid_argument("transformer: KV cache of " + std::to_string(capacity) + " slots, the context is " +
                                    std::to_string(m_config.context));
    const auto opts = wte->weight.options();
    KVCache cache;
    for (int64_t l = 0; l < m_config.layers; ++l) {
        cache.keys.push_back(torch::zeros({batch, m_config.heads, capacity, m_config.headDim()}, opts));    // (B, H, S, D)
        cache.values.push_back(torch::zeros({batch, m_config.heads, capacity, m_config.headDim()}, opts));  // (B, H, S, D)
    }
    cache.keyValid = torch::zeros({batch, capacity}, opts.dtype(torch::kBool));  // (B, S)
    cache.nextPosition = torch::zeros({batch}, opts.dtype(torch::kLong));        // (B)
    return cache;
}

ForwardOutput TransformerImpl::forward(const torch::Tensor& tokens, const torch::Tensor& validIn) {
    const auto in = sequenceInputs(tokens, validIn, m_config.context, "transformer");
    return run(tokens, in.positions, in.allowed, nullptr);
}

ForwardOutput TransformerImpl::forwardCached(const torch::Tensor& tokens, const torch::Tensor& validIn, KVCache& cache) {
    const auto in = cachedInputs(tokens, validIn, cache, "transformer");
    auto out = run(tokens, in.positions, in.allowed, &cache);
    advanceCache(cache, in);
    return out;
}

ForwardOutput TransformerImpl::run(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& allowed,
                                   KVCache* cache) {
    auto x = wte(tokens);  // (B, T, C)
    torch::Tensor cos, sin;
    if (m_config.positions == "learned") {
        x = x + wpe(positions.clamp_max(m_config.context - 1));  // (B, T, C)
    } else {
        const int64_t half = m_config.headDim() / 2;
        const auto fopts = x.options();
        const auto invFreq = torch::pow(10000.0, -torch::arange(half, fopts) / static_cast<double>(half));  // (D/2)
        const auto angle = positions.to(x.scalar_type()).unsqueeze(-1) * invFreq;                           // (B, T, D/2)
        cos = angle.cos().unsqueeze(1);                                                                     // (B, 1, T, D/2)
        sin = angle.sin().unsqueeze(1);                                                                     // (B, 1, T, D/2)
    }
    x = drop(x);
    // The mask once for every layer, as an additive bias (B, 1, T, K): 0 where allowed, -inf elsewhere.
    const auto bias = torch::zeros(allowed.sizes(), x.options())
                          .masked_fill_(allowed.logical_not(), -std::numeric_limits<double>::infinity());  // (B, 1, T, K)
    size_t layer = 0;
    for (auto& module : *blocks) {
        x = module->as<BlockImpl>()->forward(x, cos, sin, allowed, bias, cache, layer);  // (B, T, C)
        ++layer;
    }
    auto hidden = lnF(x);                                                                      // (B, T, C)
    auto logits = blasLinear(hidden, m_config.tieWeights ? wte->weight : lmHead->weight, {});  // (B, T, V)
    return {logits, hidden};
}

TokenScores scoreTokens(Transformer& model, const torch::Tensor& tokens, const torch::Tensor& validIn, bool withEntropy,
                        double temperature) {
    if (!(temperature > 0.0)) throw std::invalid_argument("scoreTokens: temperature must be > 0");
    return scoresFromForward(model->forward(tokens, validIn), tokens, validIn, withEntropy, temperature);
}

namespace {

torch::Tensor validOrAll(const torch::Tensor& tokens, const torch::Tensor& valid, const std::string& who) {
    if (tokens.dim() != 2 || tokens.scalar_type() != torch::kLong)
        throw std::invalid_argument(who + ": tokens must be (B, T) int64, got " + c10::str(tokens.sizes()) + " " +
                                    std::string(c10::toString(tokens.scalar_type())));
    if (!valid.defined()) return torch::ones(tokens.sizes(), tokens.options().dtype(torch::kBool));  // (B, T)
    if (valid.sizes() != tokens.sizes())
        throw std::invalid_argument(who + ": valid mask " + c10::str(valid.sizes()) + " does not match tokens " +
                                    c10::str(tokens.sizes()));
    return valid.to(tokens.device(), torch::kBool);  // (B, T)
}

// Queries at slots [first, first + T) against keys at slots [0, first + T) whose validity is keyValid.
torch::Tensor allowedKeys(const torch::Tensor& keyValid, int64_t first, int64_t T, const torch::TensorOptions& opts) {
    const auto keySlot = torch::arange(first + T, opts);                                      // (K)
    const auto querySlot = torch::arange(first, first + T, opts);                             // (T)
    const auto causal = keySlot.unsqueeze(0) <= querySlot.unsqueeze(1);                       // (T, K)
    const auto self = keySlot.unsqueeze(0) == querySlot.unsqueeze(1);                         // (T, K)
    return ((causal.unsqueeze(0) & keyValid.unsqueeze(1)) | self.unsqueeze(0)).unsqueeze(1);  // (B, 1, T, K)
}

}  // namespace

AttentionInputs sequenceInputs(const torch::Tensor& tokens, const torch::Tensor& validIn, int64_t context,
                               const std::string& who) {
    AttentionInputs in;
    in.valid = validOrAll(tokens, validIn, who);  // (B, T)
    const int64_t T = tokens.size(1);
    if (T > context)
        throw std::invalid_argument(who + ": sequence of " + std::to_string(T) + " tokens, the context is " +
                                    std::to_string(context));
    in.positions = (in.valid.to(torch::kLong).cumsum(1) - 1).clamp_min(0);  // (B, T)
    in.allowed = allowedKeys(in.valid, 0, T, tokens.options());             // (B, 1, T, T)
    return in;
}

AttentionInputs cachedInputs(const torch::Tensor& tokens, const torch::Tensor& validIn, KVCache& cache, const std::string& who) {
    AttentionInputs in;
    in.valid = validOrAll(tokens, validIn, who);  // (B, T)
    const int64_t T = tokens.size(1), len = cache.length;
    if (tokens.size(0) != cache.keyValid.size(0))
        throw std::invalid_argument(who + ": " + std::to_string(tokens.size(0)) + " rows for a KV cache of " +
                                    std::to_string(cache.keyValid.size(0)));
    if (len + T > cache.capacity())
        throw std::invalid_argument(who + ": KV cache full (" + std::to_string(len) + " + " + std::to_string(T) + " > " +
                                    std::to_string(cache.capacity()) + " slots)");
    in.positions = (cache.nextPosition.unsqueeze(1) + in.valid.to(torch::kLong).cumsum(1) - 1).clamp_min(0);  // (B, T)
    cache.keyValid.narrow(1, len, T).copy_(in.valid);
    in.allowed = allowedKeys(cache.keyValid.narrow(1, 0, len + T), len, T, tokens.options());  // (B, 1, T, K)
    return in;
}

void advanceCache(KVCache& cache, const AttentionInputs& in) {
    cache.length += in.valid.size(1);
    cache.nextPosition = cache.nextPosition + in.valid.to(torch::kLong).sum(1);  // (B)
}

TokenScores scoresFromForward(const ForwardOutput& out, const torch::Tensor& tokens, const torch::Tensor& validIn,
                              bool withEntropy, double temperature) {
    if (!(temperature > 0.0)) throw std::invalid_argument("scoreTokens: temperature must be > 0");
    const auto valid = validOrAll(tokens, validIn, "scoreTokens");  // (B, T)
    const int64_t B = tokens.size(0), T = tokens.size(1);
    auto logits = out.logits.narrow(1, 0, T - 1);                      // (B, T-1, V) position t-1 predicts token t
    if (logits.element_size() < 4) logits = logits.to(torch::kFloat);  // bf16 / fp16 logits: scored in fp32
    if (temperature != 1.0) logits = logits / temperature;
    const auto logp = torch::log_softmax(logits, -1);  // (B, T-1, V)
    const auto target = tokens.narrow(1, 1, T - 1);    // (B, T-1)
    // A token is scored when it and its predecessor are real (the first real token of a row is not).
    const auto scored = (valid.narrow(1, 1, T - 1) & valid.narrow(1, 0, T - 1)).to(logp.scalar_type());  // (B, T-1)
    const auto zero = torch::zeros({B, 1}, logp.options());                                              // (B, 1)
    TokenScores s;
    s.logprobs = torch::cat({zero, logp.gather(2, target.unsqueeze(2)).squeeze(2) * scored}, 1);  // (B, T)
    if (withEntropy) s.entropy = torch::cat({zero, -(logp.exp() * logp).sum(-1) * scored}, 1);    // (B, T)
    s.hidden = out.hidden;                                                                        // (B, T, C)
    return s;
}

}  // namespace gcpo::model
