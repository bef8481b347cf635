extension Array {
    /// Calls `body` with each element in order, moved out of the array rather than copied
    /// (`placeholder` is left in its place): a copy of an event retains every string in it
    /// and the array's end releases them again, atomic operations that cost a fifth of the
    /// report's threads when the events cross from one thread to another. `placeholder`
    /// should hold nothing counted (empty strings), so leaving it costs nothing. Meant for an
    /// array about to be dropped whose storage is not shared (a shared one is copied first).
    mutating func forEachMovingOut(leaving placeholder: Element, _ body: (Element) -> Void) {
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                let element = (base + index).move()
                (base + index).initialize(to: placeholder)
                body(element)
            }
        }
    }
}
