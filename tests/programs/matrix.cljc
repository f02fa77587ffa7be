(ns matrix
  "Exact linear algebra over rationals: Gauss-Jordan elimination for determinants,
  inverses and linear systems, plus integer matrix powers and number-theory helpers."
  (:require [clojure.string :as str]))

(defn transpose [m] (apply mapv vector m))

(defn mmul [a b]
  (let [bt (transpose b)]
    (mapv (fn [row] (mapv #(reduce + (map * row %)) bt)) a)))

(defn identity-matrix [n]
  (vec (for [i (range n)] (vec (for [j (range n)] (if (= i j) 1 0))))))

(defn show [m]
  (let [cells (map #(map str %) m)
        width (apply max (map count (flatten cells)))]
    (str/join "\n" (for [row cells]
                     (str "[ " (str/join " " (map #(format (str "%" width "s") %) row)) " ]")))))

(defn- pivot-row [m col start]
  (first (filter #(not (zero? (get-in m [% col]))) (range start (count m)))))

(defn gauss-jordan
  "Reduces m to reduced row echelon form. Returns {:rref m :det d :rank r}."
  [m]
  (let [rows (count m) cols (count (first m))]
    (loop [m m row 0 col 0 det 1]
      (if (or (= row rows) (= col cols))
        {:rref m :rank row :det (if (= row rows) det 0)}
        (if-let [p (pivot-row m col row)]
          (let [m (if (= p row) m (assoc m row (m p) p (m row)))
                det (if (= p row) det (- det))
                pv (get-in m [row col])
                r (mapv #(/ % pv) (m row))
                m (assoc m row r)
                m (vec (map-indexed (fn [i other]
                                      (if (= i row)
                                        other
                                        (let [f (other col)] (mapv - other (map #(* f %) r)))))
                                    m))]
            (recur m (inc row) (inc col) (* det pv)))
          (recur m row (inc col) 0))))))

(defn determinant [m] (:det (gauss-jordan m)))

(defn inverse [m]
  (let [n (count m)]
    (when-not (zero? (determinant m))
      (mapv #(subvec % n) (:rref (gauss-jordan (mapv into m (identity-matrix n))))))))

(defn solve [a b]
  (let [{:keys [rref rank]} (gauss-jordan (mapv conj a b))]
    (if (< rank (count a))
      (throw (ex-info "singular system" {:rank rank}))
      (mapv peek rref))))

(defn mpow [m n]
  (loop [acc (identity-matrix (count m)) base m n n]
    (cond
      (zero? n) acc
      (odd? n) (recur (mmul acc base) base (dec n))
      :else (recur acc (mmul base base) (quot n 2)))))

(defn gcd [a b] (if (zero? b) (Math/abs (long a)) (recur b (rem a b))))

(defn continued-fraction [r]
  (loop [r r acc []]
    (let [q (long (Math/floor (double r))) acc (conj acc q) f (- r q)]
      (if (zero? f) acc (recur (/ 1 f) acc)))))

(def a [[2 1 -1] [-3 -1 2] [-2 1 2]])
(def h (vec (for [i (range 1 5)] (vec (for [j (range 1 5)] (/ 1 (+ i j -1)))))))

(println "A =") (println (show a))
(println "det A =" (str (determinant a)))
(println "A^-1 =") (println (show (inverse a)))
(println "A * A^-1 = I?" (= (identity-matrix 3) (mmul a (inverse a))))
(println "solve A x = [8 -11 -3]:" (str/join " " (map str (solve a [8 -11 -3]))))
(println "\nHilbert H4 =") (println (show h))
(println "det H4 =" (determinant h))
(println "H4^-1 =") (println (show (inverse h)))
(println "\nsingular:" (inverse [[1 2] [2 4]]) (determinant [[1 2] [2 4]]))
(try (solve [[1 2] [2 4]] [1 2])
     (catch clojure.lang.ExceptionInfo e (println "error:" (ex-message e) (ex-data e))))

(println "\nFibonacci via matrix powers:")
(println (str/join " " (map #(str (get-in (mpow [[1 1] [1 0]] %) [0 1])) (range 15))))
(let [fib-big (fn [n] (loop [a 0 b 1 n n] (if (zero? n) a (recur b (+' a b) (dec n)))))]
  (prn (fib-big 100) (str (fib-big 90)) (= (fib-big 90) 2880067194370816120)))

(println "\nNumber theory:")
(prn (gcd 1071 462) (gcd -12 18) (reduce gcd [84 126 210]))
(prn (continued-fraction 415/93) (continued-fraction 355/113))
(prn (map (juxt numerator denominator) [3/4 -6/8 10/4]))
(prn (sort [1/2 0.3 2 -1/3 0 7/5]) (max 1/3 0.3) (min-key abs -3/4 1/2 5/8))
(prn (reduce + (map #(/ 1 %) (range 1 11))) (double (reduce + (map #(/ 1 %) (range 1 11)))))
(prn (rationalize 0.125) (rationalize 2.5) (* 3/4 4/3 1.0) (quot 17 5) (rem -17 5) (mod -17 5))
(prn (map #(bit-and % 0xFF) [256 255 1023]) (bit-or 2r1010 2r0101) (bit-shift-right 1024 3)
     (bit-test 5 2) (Long/toBinaryString 42) (Integer/toHexString 255) 0x1F 017 36rZZ)
(println (format "%.4f %.3e %8.2f|%-8.1f|" (double 22/7) 6.02214076e23 (/ 1.0 3) 2.55))
