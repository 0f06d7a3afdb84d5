"""The four answers that now call a given helper, as they were written before (each with its own step): the form
the censuses' edits apply to (a learner who writes the step again instead of calling the given one)."""

OWN_ANSWERS = {
    'lstm_layer': (
        'def lstm_layer(x, kernel, recurrent_kernel, bias, return_sequences, return_state):\n'
        '    """An LSTM over x (batch, timesteps, features), returning what keras.layers.LSTM returns."""\n'
        '    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))\n'
        '    batch, timesteps, _ = x.shape\n'
        '    units = recurrent_kernel.shape[0]\n'
        '    h, c = np.zeros((batch, units)), np.zeros((batch, units))  # (batch, units) each\n'
        '    outputs = []\n'
        '    for t in range(timesteps):\n'
        '        z = x[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)\n'
        '        i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)\n'
        '        c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)\n'
        '        h = sigmoid(o) * np.tanh(c)  # (batch, units)\n'
        '        outputs.append(h)\n'
        '    output = np.stack(outputs, axis=1) if return_sequences else h  # (batch, timesteps, units) or (batch, units)\n'
        '    return [output, h, c] if return_state else output'
    ),
    'lstm_layer_initial_state': (
        'def lstm_layer_initial_state(x, kernel, recurrent_kernel, bias, h0, c0):\n'
        '    """Every h (batch, timesteps, units) of an LSTM started from the state (h0, c0)."""\n'
        '    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))\n'
        '    h, c = h0, c0  # (batch, units) each\n'
        '    outputs = []\n'
        '    for t in range(x.shape[1]):\n'
        '        z = x[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)\n'
        '        i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)\n'
        '        c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)\n'
        '        h = sigmoid(o) * np.tanh(c)  # (batch, units)\n'
        '        outputs.append(h)\n'
        '    return np.stack(outputs, axis=1)  # (batch, timesteps, units)'
    ),
    'stack_forward': (
        'def stack_forward(x, lstm_weights, dense_kernel, dense_bias):\n'
        '    """LSTM layers (sequences between them), then Dense on the last h: (batch, outputs)."""\n'
        '    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))\n'
        '    seq = x  # (batch, timesteps, features)\n'
        '    for kernel, recurrent_kernel, bias in lstm_weights:\n'
        '        units = recurrent_kernel.shape[0]\n'
        '        h = c = np.zeros((seq.shape[0], units))  # each layer starts from zero state\n'
        '        outputs = []\n'
        '        for t in range(seq.shape[1]):\n'
        '            z = seq[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)\n'
        '            i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)\n'
        '            c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)\n'
        '            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n'
        '            outputs.append(h)\n'
        "        seq = np.stack(outputs, axis=1)  # (batch, timesteps, units): the next layer's input\n"
        '    return h @ dense_kernel + dense_bias  # (batch, outputs)'
    ),
    'stateful_forward': (
        'def stateful_forward(chunks, kernel, recurrent_kernel, bias):\n'
        '    """Each chunk\'s last h, (n_chunks, batch, units), with (h, c) carried from chunk to chunk."""\n'
        '    sigmoid = lambda v: 1.0 / (1.0 + np.exp(-v))\n'
        '    n_chunks, batch, timesteps, _ = chunks.shape\n'
        '    units = recurrent_kernel.shape[0]\n'
        '    h, c = np.zeros((batch, units)), np.zeros((batch, units))  # reset once, before the first chunk\n'
        '    outputs = []\n'
        '    for chunk in chunks:  # (batch, timesteps, features)\n'
        '        for t in range(timesteps):\n'
        '            z = chunk[:, t] @ kernel + h @ recurrent_kernel + bias  # (batch, 4*units)\n'
        '            i, f, c_tilde, o = np.split(z, 4, axis=1)  # each (batch, units)\n'
        '            c = sigmoid(f) * c + sigmoid(i) * np.tanh(c_tilde)  # (batch, units)\n'
        '            h = sigmoid(o) * np.tanh(c)  # (batch, units)\n'
        '        outputs.append(h)  # (batch, units)\n'
        '    return np.stack(outputs)  # (n_chunks, batch, units)'
    ),
}
